using System.Globalization;
using System.Text.RegularExpressions;
using Fleet.Agent.Collectors.Commands;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.ScreenLock;

/// <summary>
/// macOS: `sysadminctl -screenLock status` (printed on stderr with a log prefix: "screenLock delay is
/// immediate" / "screenLock delay is 300 seconds" / "screenLock is off") and
/// `defaults -currentHost read com.apple.screensaver idleTime` (seconds, 0 = never).
/// </summary>
public static partial class MacScreenLockParser
{
    public static Fact ParseSysadminctl(CommandResult result)
    {
        var text = result.Stdout + "\n" + result.Stderr;
        if (text.Contains("screenLock is off", StringComparison.OrdinalIgnoreCase))
        {
            return Fact.Off("sysadminctl: screenLock is off");
        }
        if (text.Contains("screenLock delay is immediate", StringComparison.OrdinalIgnoreCase))
        {
            return Fact.On("sysadminctl: password required immediately after sleep or screen saver");
        }
        var delay = DelaySeconds().Match(text);
        if (delay.Success)
        {
            return Fact.On($"sysadminctl: password required {delay.Groups[1].Value} s after sleep or screen saver");
        }
        return result.Outcome == CommandOutcome.Exited
            ? Fact.Unknown($"unrecognised sysadminctl -screenLock output: {text.Trim()}")
            : Fact.Unknown(result.Describe("sysadminctl -screenLock status"));
    }

    public static NumericFact ParseIdleTime(CommandResult result)
    {
        if (result.Succeeded && long.TryParse(result.Stdout.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds == 0 ? ScreenLockFacts.Never("screen saver idleTime 0 (never)") : NumericFact.Of(seconds, $"screen saver idleTime {seconds} s");
        }
        if (result.Stderr.Contains("does not exist", StringComparison.OrdinalIgnoreCase))
        {
            return NumericFact.Unknown("screen saver idleTime is not set for this user (the system default applies and is not readable)");
        }
        return NumericFact.Unknown(result.Succeeded
            ? $"unrecognised idleTime value: {result.Stdout.Trim()}"
            : result.Describe("defaults -currentHost read com.apple.screensaver idleTime"));
    }

    [GeneratedRegex(@"screenLock delay is (\d+) seconds", RegexOptions.IgnoreCase)]
    private static partial Regex DelaySeconds();
}
