using System.Text.RegularExpressions;
using Fleet.Agent.Collectors.Registry;

namespace Fleet.Agent.Tests.Support;

/// <summary>
/// Reads the Windows fixtures, which are `reg query` captures of real machines, into the registry
/// values the agent reads through Microsoft.Win32.Registry. Key lines start with the hive name; value
/// lines are indented four spaces with name, type and data separated by four spaces. DWORDs print as
/// 0x hex; they are handed on as decimal text, as <see cref="WindowsRegistryReader"/> does.
/// </summary>
internal static partial class RegQueryParser
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
                var type = match.Groups["type"].Value;
                var data = match.Groups["data"].Value.Trim();
                if (type is "REG_DWORD" or "REG_QWORD" && data.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                {
                    data = Convert.ToInt64(data[2..], 16).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                values.Add(new RegistryValue(match.Groups["name"].Value, type, data));
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

    /// <summary>The values of the first key in the output (the common single-key query); null for a "not found" capture.</summary>
    public static RegistryKey? ParseSingle(string output) => Parse(output).FirstOrDefault();

    /// <summary>A fixture file read as one key.</summary>
    public static RegistryKey? Key(string fixture) => ParseSingle(Fixture.Text(fixture));

    [GeneratedRegex(@"^ {4}(?<name>.*?) {4}(?<type>REG_[A-Z_]+)(?: {4}(?<data>.*))?$")]
    private static partial Regex ValueLine();
}
