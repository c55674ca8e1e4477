using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.Firewall;

/// <summary>
/// Reads `netsh advfirewall show allprofiles state`: one "State ON|OFF" line per profile (Domain,
/// Private, Public). On only when every profile is on. The output is localized; English and German
/// words are known, anything else is Unknown rather than a guess.
/// </summary>
public static class NetshFirewallParser
{
    private static readonly string[] OnWords = ["ON", "EIN"];
    private static readonly string[] OffWords = ["OFF", "AUS"];

    public static Fact Parse(string stdout)
    {
        var states = new List<bool>();
        foreach (var rawLine in stdout.Split('\n'))
        {
            var tokens = rawLine.Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (tokens.Length != 2)
            {
                continue;
            }
            var word = tokens[1].ToUpperInvariant();
            if (OnWords.Contains(word))
            {
                states.Add(true);
            }
            else if (OffWords.Contains(word))
            {
                states.Add(false);
            }
        }
        if (states.Count == 0)
        {
            return Fact.Unknown("no profile state found in netsh output (localized output?)");
        }
        var off = states.Count(s => !s);
        return off == 0
            ? Fact.On($"all {states.Count} firewall profiles on")
            : Fact.Off($"{off} of {states.Count} firewall profiles off");
    }
}
