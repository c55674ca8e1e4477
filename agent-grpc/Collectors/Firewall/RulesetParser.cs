namespace Fleet.Agent.Collectors.Firewall;

/// <summary>
/// Does a saved ruleset filter incoming traffic? A firewall service that loads a ruleset with no filtering
/// (Debian's stock /etc/nftables.conf: an empty input chain with policy accept) protects nothing.
/// Filtering means: a chain on the input hook with policy drop, or a drop/reject rule in a table that has one
/// (nftables); an INPUT policy of DROP or a DROP/REJECT rule in the filter table (iptables-save).
/// </summary>
public static class RulesetParser
{
    /// <summary>True/false; null when the file includes others and shows no filtering itself (the rest is not read).</summary>
    public static bool? NftablesFilters(string conf)
    {
        var lines = conf.Split('\n').Select(l => StripComment(l).Trim()).Where(l => l.Length > 0).ToList();
        var inputHook = lines.Any(l => l.Contains("hook input", StringComparison.Ordinal));
        var dropPolicy = lines.Any(l => l.Contains("hook input", StringComparison.Ordinal) && l.Contains("policy drop", StringComparison.Ordinal));
        var dropRule = lines.Any(l => !l.Contains("policy", StringComparison.Ordinal)
            && (Word(l, "drop") || Word(l, "reject")));
        if (inputHook && (dropPolicy || dropRule))
        {
            return true;
        }
        return lines.Any(l => l.StartsWith("include ", StringComparison.Ordinal)) ? null : false;
    }

    public static bool IptablesFilters(string rules)
    {
        var table = "";
        foreach (var raw in rules.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('*'))
            {
                table = line[1..];
                continue;
            }
            if (table != "filter")
            {
                continue;
            }
            if (line.StartsWith(":INPUT DROP", StringComparison.Ordinal)
                || (line.StartsWith("-A ", StringComparison.Ordinal) && (line.Contains("-j DROP", StringComparison.Ordinal) || line.Contains("-j REJECT", StringComparison.Ordinal))))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Word(string line, string word) =>
        line.Split([' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries).Contains(word, StringComparer.Ordinal);

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? line : line[..hash];
    }
}
