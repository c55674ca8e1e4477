namespace Fleet.Agent.Collectors.Systemd;

/// <summary>
/// Parses `systemctl is-active a b c`, which prints one state per unit in order ("active",
/// "inactive", "failed"...). Anything else (no systemd, no bus) gives null: no evidence either way.
/// </summary>
public static class SystemctlParser
{
    public static IReadOnlyDictionary<string, string>? ParseIsActive(IReadOnlyList<string> units, string stdout)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length != units.Count || lines.Any(l => l.Contains(' ', StringComparison.Ordinal)))
        {
            return null;
        }
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < units.Count; i++)
        {
            states[units[i]] = lines[i];
        }
        return states;
    }

    /// <summary>`systemctl is-enabled unit` prints enabled/disabled/static/masked; a unit that does not exist prints nothing on stdout.</summary>
    public static string? ParseIsEnabled(string stdout)
    {
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line is null || line.Contains(' ', StringComparison.Ordinal) ? null : line;
    }
}
