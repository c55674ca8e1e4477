namespace Fleet.Agent.Collectors.OperatingSystem;

/// <summary>Parses os-release(5): KEY=value lines, values optionally quoted with shell-style escapes.</summary>
public static class OsReleaseParser
{
    public static OsRelease? Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }
            fields[line[..equals]] = Unquote(line[(equals + 1)..]);
        }
        if (fields.Count == 0)
        {
            return null;
        }
        // ID defaults to "linux" and NAME to "Linux" per os-release(5). Rolling releases (Arch) have no VERSION_ID.
        return new OsRelease(
            Id: fields.GetValueOrDefault("ID", "linux").ToLowerInvariant(),
            Name: fields.GetValueOrDefault("NAME", "Linux"),
            Version: fields.GetValueOrDefault("VERSION_ID") ?? fields.GetValueOrDefault("BUILD_ID") ?? "",
            PrettyName: fields.GetValueOrDefault("PRETTY_NAME"),
            BuildId: fields.GetValueOrDefault("BUILD_ID"));
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            value = value[1..^1];
            if (value.Contains('\\', StringComparison.Ordinal))
            {
                value = value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\$", "$", StringComparison.Ordinal)
                    .Replace("\\`", "`", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }
        }
        return value;
    }
}
