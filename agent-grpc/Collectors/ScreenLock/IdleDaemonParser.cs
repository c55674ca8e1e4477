using System.Globalization;
using System.Text.RegularExpressions;
using Fleet.Agent.Collectors.Files;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.ScreenLock;

/// <summary>
/// Sway and Hyprland lock only through an idle daemon their configuration starts: swayidle, launched from
/// the sway config ("exec swayidle -w timeout 300 'swaylock -f'"), and hypridle, configured in
/// hypridle.conf ("listener { timeout = 300  on-timeout = loginctl lock-session }"). The earliest timeout
/// whose command locks (swaylock, hyprlock, loginctl lock-session, waylock, gtklock) is the idle lock.
/// </summary>
public static partial class IdleDaemonParser
{
    private static readonly string[] Lockers = ["swaylock", "hyprlock", "lock-session", "waylock", "gtklock"];

    public static ScreenLockFacts ParseSwayConfig(FileReadResult config)
    {
        if (config.Status != FileReadStatus.Read)
        {
            return ScreenLockFacts.Unknown("sway session: " + config.Describe("sway config"));
        }
        var timeouts = new List<long>();
        // A trailing backslash continues the command on the next line.
        foreach (var line in config.Content.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
        {
            var text = line.Trim();
            if (text.StartsWith('#') || !text.Contains("swayidle", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (Match match in SwayidleTimeout().Matches(text))
            {
                if (Lockers.Any(l => (match.Groups[2].Value + match.Groups[3].Value).Contains(l, StringComparison.Ordinal)))
                {
                    timeouts.Add(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                }
            }
        }
        return Decide(timeouts, "sway config: swayidle", "the sway config starts no swayidle timeout that runs a locker");
    }

    public static ScreenLockFacts ParseHypridle(FileReadResult config)
    {
        if (config.Status == FileReadStatus.Missing)
        {
            return ScreenLockFacts.Unknown("Hyprland session without hypridle.conf: no idle lock is configured through hypridle, and other daemons are not read");
        }
        if (config.Status != FileReadStatus.Read)
        {
            return ScreenLockFacts.Unknown(config.Describe("hypridle.conf"));
        }
        var timeouts = new List<long>();
        foreach (Match block in Listener().Matches(config.Content))
        {
            var body = block.Groups[1].Value;
            var timeout = Setting(body, "timeout");
            var onTimeout = Setting(body, "on-timeout") ?? "";
            if (timeout is not null && long.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && Lockers.Any(l => onTimeout.Contains(l, StringComparison.Ordinal)))
            {
                timeouts.Add(seconds);
            }
        }
        return Decide(timeouts, "hypridle.conf", "hypridle.conf has no listener whose on-timeout locks");
    }

    private static ScreenLockFacts Decide(List<long> timeouts, string source, string none)
    {
        if (timeouts.Count == 0 || timeouts.Min() == 0)
        {
            return new ScreenLockFacts(Fact.Off(none), ScreenLockFacts.Never(none));
        }
        var evidence = $"{source} locks after {timeouts.Min()} s idle";
        return new ScreenLockFacts(Fact.On(evidence), NumericFact.Of(timeouts.Min(), evidence));
    }

    private static string? Setting(string body, string name)
    {
        foreach (var line in body.Split('\n'))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && line[..equals].Trim() == name && !line.TrimStart().StartsWith('#'))
            {
                return line[(equals + 1)..].Trim();
            }
        }
        return null;
    }

    [GeneratedRegex(@"timeout\s+(\d+)\s+(?:'([^']*)'|""([^""]*)"")")]
    private static partial Regex SwayidleTimeout();

    [GeneratedRegex(@"listener\s*\{([^}]*)\}")]
    private static partial Regex Listener();
}
