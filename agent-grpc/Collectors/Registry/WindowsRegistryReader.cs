using System.Globalization;
using System.Runtime.Versioning;
using Win32 = Microsoft.Win32;

namespace Fleet.Agent.Collectors.Registry;

/// <summary>
/// The real registry through Microsoft.Win32.Registry (no `reg query` process, no localized text to
/// parse; works under Native AOT). Keys are opened read-only; numbers become invariant decimal text.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsRegistryReader : IRegistryReader
{
    public RegistryKey? Read(string path)
    {
        using var key = Open(path);
        return key is null ? null : Values(path, key);
    }

    public IReadOnlyList<RegistryKey> ReadSubkeys(string path)
    {
        using var key = Open(path);
        if (key is null)
        {
            return [];
        }
        var subkeys = new List<RegistryKey>();
        foreach (var name in key.GetSubKeyNames())
        {
            using var subkey = key.OpenSubKey(name, writable: false);
            if (subkey is not null)
            {
                subkeys.Add(Values(path + "\\" + name, subkey));
            }
        }
        return subkeys;
    }

    private static Win32.RegistryKey? Open(string path)
    {
        var separator = path.IndexOf('\\', StringComparison.Ordinal);
        var hive = separator < 0 ? path : path[..separator];
        var rest = separator < 0 ? "" : path[(separator + 1)..];
        var root = hive.ToUpperInvariant() switch
        {
            "HKLM" or "HKEY_LOCAL_MACHINE" => Win32.Registry.LocalMachine,
            "HKCU" or "HKEY_CURRENT_USER" => Win32.Registry.CurrentUser,
            _ => throw new ArgumentException($"unknown registry hive '{hive}'", nameof(path)),
        };
        return rest.Length == 0 ? root : root.OpenSubKey(rest, writable: false);
    }

    private static RegistryKey Values(string path, Win32.RegistryKey key)
    {
        var values = new List<RegistryValue>();
        foreach (var name in key.GetValueNames())
        {
            var kind = key.GetValueKind(name);
            var data = key.GetValue(name, null, Win32.RegistryValueOptions.DoNotExpandEnvironmentNames) switch
            {
                int number => ((uint)number).ToString(CultureInfo.InvariantCulture),
                long number => number.ToString(CultureInfo.InvariantCulture),
                string text => text,
                string[] lines => string.Join('\n', lines),
                byte[] bytes => Convert.ToHexString(bytes),
                _ => "",
            };
            values.Add(new RegistryValue(name, "REG_" + kind.ToString().ToUpperInvariant() switch
            {
                "STRING" => "SZ",
                "EXPANDSTRING" => "EXPAND_SZ",
                "MULTISTRING" => "MULTI_SZ",
                var other => other,
            }, data));
        }
        return new RegistryKey(path, values);
    }
}
