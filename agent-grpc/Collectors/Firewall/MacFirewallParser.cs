using System.Text.RegularExpressions;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.Firewall;

/// <summary>
/// The macOS application firewall: `socketfilterfw --getglobalstate` ("Firewall is enabled. (State = 1)")
/// on macOS 15+, or `defaults read /Library/Preferences/com.apple.alf globalstate` (0 off, 1 on, 2 block all).
/// </summary>
public static partial class MacFirewallParser
{
    public static Fact ParseSocketFilter(string stdout)
    {
        var state = StateNumber().Match(stdout);
        if (state.Success)
        {
            return ParseGlobalState(state.Groups[1].Value);
        }
        if (stdout.Contains("is enabled", StringComparison.OrdinalIgnoreCase))
        {
            return Fact.On("socketfilterfw: firewall is enabled");
        }
        if (stdout.Contains("is disabled", StringComparison.OrdinalIgnoreCase))
        {
            return Fact.Off("socketfilterfw: firewall is disabled");
        }
        return Fact.Unknown($"unrecognised socketfilterfw output: {stdout.Trim()}");
    }

    public static Fact ParseGlobalState(string value) => value.Trim() switch
    {
        "0" => Fact.Off("application firewall off (globalstate 0)"),
        "1" => Fact.On("application firewall on (globalstate 1)"),
        "2" => Fact.On("application firewall blocking all incoming connections (globalstate 2)"),
        var other => Fact.Unknown($"unrecognised firewall globalstate: {other}"),
    };

    [GeneratedRegex(@"\(State = (\d+)\)")]
    private static partial Regex StateNumber();
}
