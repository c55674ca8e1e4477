using System.Text.Json;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.DiskEncryption;

/// <summary>
/// Reads `lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINTS` (or MOUNTPOINT on util-linux &lt; 2.37): the root
/// filesystem is encrypted when the device mounted at / is a dm-crypt device or sits on one
/// (LUKS → LVM → / is the usual laptop layout). The tree nests each device under what it is built on.
/// </summary>
public static class LsblkRootEncryptionParser
{
    public static Fact Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("blockdevices", out var devices) || devices.ValueKind != JsonValueKind.Array)
            {
                return Fact.Unknown("lsblk output has no blockdevices list");
            }
            var path = new List<JsonElement>();
            foreach (var device in devices.EnumerateArray())
            {
                if (FindRoot(device, path) is { } fact)
                {
                    return fact;
                }
            }
            return Fact.Unknown("no block device is mounted at / (container, overlay or network root)");
        }
        catch (JsonException)
        {
            return Fact.Unknown("lsblk output is not valid JSON");
        }
    }

    private static Fact? FindRoot(JsonElement device, List<JsonElement> ancestors)
    {
        if (device.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (IsMountedAtRoot(device))
        {
            var chain = ancestors.Append(device).ToList();
            var crypt = chain.LastOrDefault(d => Text(d, "type") == "crypt");
            var name = Text(device, "name") ?? "?";
            return crypt.ValueKind == JsonValueKind.Object
                ? Fact.On($"/ is on {name}, inside dm-crypt device {Text(crypt, "name")}")
                : Fact.Off($"/ is on {name} ({Text(device, "fstype") ?? "unknown filesystem"}) with no dm-crypt device beneath it");
        }
        if (!device.TryGetProperty("children", out var children) || children.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        ancestors.Add(device);
        try
        {
            foreach (var child in children.EnumerateArray())
            {
                if (FindRoot(child, ancestors) is { } fact)
                {
                    return fact;
                }
            }
            return null;
        }
        finally
        {
            ancestors.RemoveAt(ancestors.Count - 1);
        }
    }

    private static bool IsMountedAtRoot(JsonElement device)
    {
        if (device.TryGetProperty("mountpoints", out var many) && many.ValueKind == JsonValueKind.Array)
        {
            return many.EnumerateArray().Any(m => m.ValueKind == JsonValueKind.String && m.GetString() == "/");
        }
        return Text(device, "mountpoint") == "/";
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
