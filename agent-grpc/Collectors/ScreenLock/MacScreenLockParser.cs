using System.Globalization;
using System.Text.RegularExpressions;
using Fleet.Agent.Collectors.Commands;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.ScreenLock;

/// <summary>
/// macOS: `sysadminctl -screenLock status` (printed on stderr with a log prefix: "screenLock delay is
/// immediate" / "screenLock delay is 300 seconds" / "screenLock is off") and
/// `defaults -currentHost read com.apple.screensaver idleTime` (seconds, 0 = never), and `pmset -g`
/// (displaysleep in minutes, 0 = never). The screen locks when the screen saver starts or the display
/// sleeps, whichever comes first, plus the password delay.
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

    /// <summary>Seconds between screen saver/sleep and the password: 0 for immediate, null when off or unreadable.</summary>
    public static long? ParseLockDelay(CommandResult result)
    {
        var text = result.Stdout + "\n" + result.Stderr;
        if (text.Contains("screenLock delay is immediate", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }
        var delay = DelaySeconds().Match(text);
        return delay.Success ? long.Parse(delay.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>`pmset -g` lines "displaysleep 10" and " sleep 1 (…)": minutes, 0 = never; null when absent.</summary>
    public static (long? DisplaySleepMinutes, long? SleepMinutes) ParsePmset(CommandResult result)
    {
        if (!result.Succeeded)
        {
            return (null, null);
        }
        long? Value(string name) => result.Stdout.Split('\n')
            .Select(l => l.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(t => t.Length >= 2 && t[0] == name && long.TryParse(t[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(t => (long?)long.Parse(t[1], CultureInfo.InvariantCulture))
            .FirstOrDefault();
        return (Value("displaysleep"), Value("sleep"));
    }

    /// <summary>
    /// The effective idle lock: the earlier of the screen saver and display sleep, plus the password
    /// delay. When the screen saver's time is not readable but sleep is, the sleep time is an upper bound
    /// ("at most"), which is what a "&lt;=" policy needs.
    /// </summary>
    public static NumericFact EffectiveIdle(Fact lockFact, long? passwordDelay, NumericFact screenSaver, CommandResult pmset)
    {
        if (lockFact.State == FactState.Off)
        {
            return ScreenLockFacts.Never(lockFact.Reason ?? "screen lock is off");
        }
        // The display sleeps before the system does, and a sleeping display locks like the screen saver.
        var (display, _) = ParsePmset(pmset);
        var sleepSeconds = display is > 0 ? display.Value * 60 : 0;
        var sleepKnown = display is not null;
        var delay = passwordDelay ?? 0;
        var delayNote = passwordDelay is null ? "password delay unreadable" : $"password delay {delay} s";
        if (screenSaver.State == FactState.On && screenSaver.Value is { } saver)
        {
            var first = sleepSeconds > 0 ? Math.Min(saver, sleepSeconds) : saver;
            return passwordDelay is null
                ? NumericFact.Unknown($"{screenSaver.Reason}; {delayNote}")
                : NumericFact.Of(first + delay, $"{screenSaver.Reason}; display sleep {(sleepSeconds > 0 ? sleepSeconds + " s" : "never")}; {delayNote}");
        }
        if (sleepKnown && sleepSeconds > 0 && passwordDelay is not null)
        {
            var bound = screenSaver.State == FactState.Off ? "" : "at most ";
            return NumericFact.Of(sleepSeconds + delay, $"{bound}{sleepSeconds + delay} s: display sleep after {sleepSeconds} s, {delayNote} ({screenSaver.Reason})");
        }
        if (screenSaver.State == FactState.Off && sleepKnown && sleepSeconds == 0)
        {
            return ScreenLockFacts.Never("screen saver never starts and the display never sleeps (pmset displaysleep 0)");
        }
        return NumericFact.Unknown(sleepKnown ? $"{screenSaver.Reason}; {delayNote}" : $"{screenSaver.Reason}; {pmset.Describe("pmset -g")}");
    }

    [GeneratedRegex(@"screenLock delay is (\d+) seconds", RegexOptions.IgnoreCase)]
    private static partial Regex DelaySeconds();
}
