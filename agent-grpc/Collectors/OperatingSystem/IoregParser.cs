using System.Text.RegularExpressions;

namespace Fleet.Agent.Collectors.OperatingSystem;

/// <summary>
/// Parses `ioreg -rd1 -c IOPlatformExpertDevice`, readable by any user:
/// <c>"IOPlatformUUID" = "…"</c>, <c>"IOPlatformSerialNumber" = "…"</c>, <c>"model" = &lt;"MacBookPro18,1"&gt;</c>.
/// </summary>
public static partial class IoregParser
{
    public static (string? Uuid, string? Serial, string? Model) Parse(string stdout) => (
        Property(stdout, "IOPlatformUUID"),
        Property(stdout, "IOPlatformSerialNumber"),
        ModelLine().Match(stdout) is { Success: true } m ? m.Groups[1].Value : null);

    private static string? Property(string stdout, string name)
    {
        var match = Regex.Match(stdout, "\"" + Regex.Escape(name) + "\"\\s*=\\s*\"([^\"]*)\"", RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success && match.Groups[1].Value.Length > 0 ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("\"model\"\\s*=\\s*<\"([^\"]*)\">")]
    private static partial Regex ModelLine();
}
