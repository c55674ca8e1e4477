using System.Text.Json;
using Fleet.Hosting.Storage;

namespace Fleet.Gateway.Demo;

/// <summary>
/// What a demo run must remember to come back as the same fleet after a restart: the demo account's key and
/// each simulated device's id and agent token. Kept in <c>&lt;data&gt;/demo.json</c>, readable by its owner only.
/// </summary>
public sealed record DemoState(string AccountId, string ApiKey, Dictionary<int, DemoEnrollment> Devices)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PathIn(string dataDirectory) => System.IO.Path.Combine(dataDirectory, "demo.json");

    public static DemoState? Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<DemoState>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null; // A damaged file only costs a fresh demo account.
        }
    }

    public void Save(string path)
    {
        PrivateFiles.CreateFolder(System.IO.Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.Delete(temporary); // left by a crash: CreateNew gives the new file its owner-only mode
        using (var file = PrivateFiles.CreateNew(temporary))
            JsonSerializer.Serialize(file, this, Json);
        File.Move(temporary, path, overwrite: true);
    }
}

public sealed record DemoEnrollment(string DeviceId, string AgentToken);
