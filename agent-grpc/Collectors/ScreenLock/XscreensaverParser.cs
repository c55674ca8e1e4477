using System.Globalization;
using Fleet.Agent.Collectors.Files;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.ScreenLock;

/// <summary>
/// LXQt has no automatic lock of its own; it locks through XScreenSaver, whose settings are ~/.xscreensaver:
/// "mode: off" disables it, "lock: True" locks, "timeout: 0:10:00" is the idle time and "lockTimeout: 0:00:00"
/// the grace before locking. Without the file nothing shows that a locker is set up, which is Unknown.
/// </summary>
public static class XscreensaverParser
{
    public static ScreenLockFacts Parse(FileReadResult file, string desktop)
    {
        if (file.Status == FileReadStatus.Missing)
        {
            return ScreenLockFacts.Unknown($"{desktop} session: it has no automatic lock of its own and ~/.xscreensaver does not exist, so no locker is known to be set up");
        }
        if (file.Status != FileReadStatus.Read)
        {
            return ScreenLockFacts.Unknown(file.Describe("~/.xscreensaver"));
        }
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in file.Content.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !line.TrimStart().StartsWith('#'))
            {
                values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        if (values.GetValueOrDefault("mode") is "off")
        {
            const string why = "XScreenSaver mode: off";
            return new ScreenLockFacts(Fact.Off(why), ScreenLockFacts.Never(why));
        }
        if (!values.GetValueOrDefault("lock", "False").Equals("True", StringComparison.OrdinalIgnoreCase))
        {
            const string why = "XScreenSaver lock: False (the screen blanks but does not lock)";
            return new ScreenLockFacts(Fact.Off(why), ScreenLockFacts.Never(why));
        }
        var timeout = Duration(values.GetValueOrDefault("timeout"));
        var grace = Duration(values.GetValueOrDefault("lockTimeout")) ?? 0;
        if (timeout is null or 0)
        {
            return ScreenLockFacts.Unknown($"XScreenSaver lock: True, but timeout \"{values.GetValueOrDefault("timeout")}\" is not readable");
        }
        var evidence = $"XScreenSaver lock after timeout {timeout} s + lockTimeout {grace} s";
        return new ScreenLockFacts(Fact.On(evidence), NumericFact.Of(timeout.Value + grace, evidence));
    }

    /// <summary>"0:10:00" → 600.</summary>
    private static long? Duration(string? value) =>
        TimeSpan.TryParseExact(value, @"h\:mm\:ss", CultureInfo.InvariantCulture, out var span) ? (long)span.TotalSeconds : null;
}
