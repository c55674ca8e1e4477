namespace Fleet.Compliance.Policy;

/// <summary>Finds the valid key a misspelt one was probably meant to be ("did you mean 'firewall'?").</summary>
public static class KeySuggestion
{
    /// <summary>The nearest candidate by edit distance ignoring case, or null when none is plausibly meant.</summary>
    public static string? Nearest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        // Beyond this a "suggestion" is noise: half the word would have to change.
        var plausible = Math.Max(2, Math.Min(input.Length, best?.Length ?? 0) / 2);
        return bestDistance <= plausible ? best : null;
    }

    /// <summary>Levenshtein distance; inputs are short keys, so the quadratic cost is irrelevant.</summary>
    public static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64) return Math.Max(a.Length, b.Length);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
