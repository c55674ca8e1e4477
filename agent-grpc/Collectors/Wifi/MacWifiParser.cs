using Fleet.Agent.Collectors.Commands;

namespace Fleet.Agent.Collectors.Wifi;

/// <summary>
/// macOS, without admin rights: `networksetup -listallhardwareports` names the Wi-Fi device,
/// `networksetup -listpreferredwirelessnetworks &lt;device&gt;` lists the remembered networks, and
/// `security find-generic-password -D "AirPort network password" -a &lt;name&gt; System.keychain` shows
/// whether a network has a stored password (exit 0) or none (exit 44, "could not be found") — which is
/// what an open network looks like. (An 802.1X network keeps no such item, so it counts as open: a false
/// alarm is possible, a false pass is not.)
/// </summary>
public static class MacWifiParser
{
    public const int ItemNotFound = 44;

    /// <summary>The device of the "Wi-Fi" (older: "AirPort") hardware port, or null.</summary>
    public static string? WifiDevice(string hardwarePorts)
    {
        var lines = hardwarePorts.Split('\n').Select(l => l.Trim()).ToList();
        for (var i = 0; i < lines.Count - 1; i++)
        {
            if (lines[i] is "Hardware Port: Wi-Fi" or "Hardware Port: AirPort" && lines[i + 1].StartsWith("Device: ", StringComparison.Ordinal))
            {
                return lines[i + 1]["Device: ".Length..].Trim();
            }
        }
        return null;
    }

    /// <summary>The indented names after "Preferred networks on en0:".</summary>
    public static IReadOnlyList<string> PreferredNetworks(string output) =>
        output.Split('\n')
            .Where(l => l.StartsWith('\t') || l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .ToList();

    /// <summary>True when the network has a stored password, false when it has none, null when the keychain did not say.</summary>
    public static bool? HasPassword(CommandResult result) =>
        result.Succeeded ? true
        : result.Outcome == CommandOutcome.Exited && (result.ExitCode == ItemNotFound || result.Stderr.Contains("could not be found", StringComparison.OrdinalIgnoreCase)) ? false
        : null;
}
