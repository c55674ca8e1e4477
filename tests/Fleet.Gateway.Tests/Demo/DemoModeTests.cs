using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Demo;

/// <summary>Demo mode end to end: a real gateway process started with the demo on, observed only through its API.</summary>
public sealed class DemoModeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // With the demo on, simulated agents enrol through invites, stay connected, and their devices keep changing.
    [Fact]
    public async Task The_demo_enrols_connected_agents_whose_devices_keep_changing()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path, new Dictionary<string, string>
        {
            ["Fleet:Demo:Enabled"] = "true",
            ["Fleet:Demo:Agents"] = "6",
            ["Fleet:Demo:ChangeEvery"] = "00:00:00.200",
        });

        var state = await UntilAsync(() => Task.FromResult(ReadDemoState(data.Path)), s => s?.Devices == 6, "demo.json with 6 devices", gateway);
        using var api = gateway.CreateClient(state!.ApiKey);
        var first = await UntilAsync(() => DevicesAsync(api), d => d.Count == 6 && d.All(x => x.Online), "6 online devices", gateway);
        await UntilAsync(() => DevicesAsync(api), d => Fingerprint(d) != Fingerprint(first), "a device to change", gateway);
        var users = await UntilAsync(() => CountAsync(api, "FIND Person THAT IS User"), n => n > 0, "people linked to users", gateway);
        Assert.True(users > 0);
    }

    // Without the demo flag nothing is simulated: no demo account, no demo state.
    [Fact]
    public async Task Without_the_demo_flag_nothing_is_simulated()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        using var health = await gateway.CreateClient().GetAsync("/readyz");
        Assert.True(health.IsSuccessStatusCode);
        Assert.False(File.Exists(Path.Combine(data.Path, "demo.json")));
        Assert.DoesNotContain("Fleet demo", gateway.Output);
    }

    private sealed record DemoFile(string ApiKey, int Devices);
    private sealed record DeviceRow(string Id, string? Status, bool Online, string[] Failing);

    private static DemoFile? ReadDemoState(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "demo.json");
        if (!File.Exists(path))
            return null;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            return new DemoFile(json.RootElement.GetProperty("apiKey").GetString()!, json.RootElement.GetProperty("devices").EnumerateObject().Count());
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null; // being written
        }
    }

    private static async Task<IReadOnlyList<DeviceRow>> DevicesAsync(HttpClient api)
    {
        using var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/devices"));
        return json.RootElement.GetProperty("devices").EnumerateArray().Select(d => new DeviceRow(
            d.GetProperty("id").GetString()!,
            d.GetProperty("status").GetString(),
            d.GetProperty("online").GetBoolean(),
            d.GetProperty("failing").EnumerateArray().Select(f => f.GetString()!).ToArray())).ToList();
    }

    private static string Fingerprint(IEnumerable<DeviceRow> devices) =>
        string.Join(";", devices.OrderBy(d => d.Id).Select(d => $"{d.Id}:{d.Status}:{string.Join(",", d.Failing)}"));

    private static async Task<int> CountAsync(HttpClient api, string query)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/query", new { query });
        if (!response.IsSuccessStatusCode)
            return 0;
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("data").GetArrayLength();
    }

    /// <summary>Awaits a condition on the running gateway with a deadline (demo setup is asynchronous by design).</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, GatewayProcess gateway)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {Patience.TotalSeconds:0} s for {what}.{Environment.NewLine}{gateway.Output}");
            await Task.Delay(200);
        }
    }
}
