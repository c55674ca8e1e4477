using System.Globalization;
using Fleet.Agent.Collectors.Files;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.ScreenLock;

/// <summary>
/// KDE Plasma: ~/.config/kscreenlockerrc, section [Daemon]: Autolock (default true), Timeout in
/// minutes (default 5), LockGrace in seconds (default 5). KDE writes only values that differ from
/// its defaults, so a missing file or key means the default — which is evidence on a KDE session.
/// </summary>
public static class KdeScreenLockParser
{
    private const int DefaultTimeoutMinutes = 5;
    private const int DefaultGraceSeconds = 5;

    public static ScreenLockFacts Parse(FileReadResult file)
    {
        if (file.Status is FileReadStatus.Denied or FileReadStatus.Failed)
        {
            return ScreenLockFacts.Unknown(file.Describe("kscreenlockerrc"));
        }
        var daemon = ReadSection(file.Content, "Daemon");
        var source = file.Status == FileReadStatus.Missing ? "kscreenlockerrc absent, KDE defaults" : "kscreenlockerrc";
        var autolock = !daemon.TryGetValue("Autolock", out var a) || !a.Equals("false", StringComparison.OrdinalIgnoreCase);
        var minutes = daemon.TryGetValue("Timeout", out var t) && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : DefaultTimeoutMinutes;
        var grace = daemon.TryGetValue("LockGrace", out var g) && int.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : DefaultGraceSeconds;

        if (!autolock)
        {
            return new ScreenLockFacts(Fact.Off($"{source}: Autolock=false"), ScreenLockFacts.Never($"{source}: Autolock=false"));
        }
        if (minutes == 0)
        {
            return new ScreenLockFacts(Fact.Off($"{source}: Timeout=0"), ScreenLockFacts.Never($"{source}: Timeout=0"));
        }
        return new ScreenLockFacts(
            Fact.On($"{source}: Autolock after {minutes} min"),
            NumericFact.Of(minutes * 60L + grace, $"{source}: Timeout {minutes} min + LockGrace {grace} s"));
    }

    private static Dictionary<string, string> ReadSection(string ini, string section)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var inSection = false;
        foreach (var rawLine in ini.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                inSection = line[1..^1] == section;
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (inSection && equals > 0)
            {
                // Keys may carry KDE's [$i] immutability marker.
                values[line[..equals].Replace("[$i]", "", StringComparison.Ordinal).Trim()] = line[(equals + 1)..].Trim();
            }
        }
        return values;
    }
}
