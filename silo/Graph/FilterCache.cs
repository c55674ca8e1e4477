using Fleet.Query;
using Fleet.Query.Syntax;

namespace Fleet.Silo.Graph;

/// <summary>
/// Filters cross to partitions as J1QL text (the AST is not a wire type); each partition parses a text once and
/// keeps a few recent ones.
/// </summary>
internal sealed class FilterCache
{
    private const int Capacity = 64;
    private static readonly QueryLimits ParseLimits = QueryLimits.Default with { MaxQueryLength = int.MaxValue, MaxNestingDepth = 1_000 };
    private readonly Dictionary<string, Filter> parsed = new(StringComparer.Ordinal);

    public Filter Get(string text)
    {
        if (parsed.TryGetValue(text, out var filter))
        {
            return filter;
        }
        var result = J1qlParser.Parse("FIND * WITH " + text, ParseLimits);
        filter = result.Query?.Start.Filter
            ?? throw new ArgumentException($"filter '{text}' does not parse: {result.Error}", nameof(text));
        if (parsed.Count >= Capacity)
        {
            parsed.Clear();
        }
        parsed[text] = filter;
        return filter;
    }
}
