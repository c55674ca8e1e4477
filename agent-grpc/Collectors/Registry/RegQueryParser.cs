using System.Text.RegularExpressions;

namespace Fleet.Agent.Collectors.Registry;

/// <summary>
/// Parses `reg query` output. Key lines start with the hive name; value lines are indented four
/// spaces with name, type and data separated by four spaces (names may contain single spaces).
/// </summary>
public static partial class RegQueryParser
{
    public static IReadOnlyList<RegistryKey> Parse(string output)
    {
        var keys = new List<RegistryKey>();
        string? path = null;
        var values = new List<RegistryValue>();
        foreach (var rawLine in output.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.StartsWith("HKEY_", StringComparison.OrdinalIgnoreCase))
            {
                Flush();
                path = line.Trim();
                continue;
            }
            var match = ValueLine().Match(line);
            if (match.Success && path is not null)
            {
                values.Add(new RegistryValue(match.Groups["name"].Value, match.Groups["type"].Value, match.Groups["data"].Value.Trim()));
            }
        }
        Flush();
        return keys;

        void Flush()
        {
            if (path is not null)
            {
                keys.Add(new RegistryKey(path, values));
            }
            values = [];
        }
    }

    /// <summary>The values of the first key in the output (the common single-key query).</summary>
    public static RegistryKey? ParseSingle(string output) => Parse(output).FirstOrDefault();

    [GeneratedRegex(@"^ {4}(?<name>.*?) {4}(?<type>REG_[A-Z_]+)(?: {4}(?<data>.*))?$")]
    private static partial Regex ValueLine();
}
