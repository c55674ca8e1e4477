using Fleet.Query;
using Fleet.Query.Evaluation;
using Fleet.Query.Syntax;

namespace Fleet.Grains.Graph;

/// <summary>
/// Filters cross to partitions as J1QL text (the AST is not a wire type); each partition parses and compiles a
/// text once and keeps a few recent ones. Relative dates are bound before the text is sent, so no clock is needed.
/// </summary>
internal sealed class FilterCache
{
    private const int Capacity = 64;
    private static readonly QueryLimits ParseLimits = QueryLimits.Default with { MaxQueryLength = int.MaxValue, MaxNestingDepth = 1_000 };
    private readonly Dictionary<string, PartitionFilter> compiled = new(StringComparer.Ordinal);

    public PartitionFilter Get(string text)
    {
        if (compiled.TryGetValue(text, out var filter))
        {
            return filter;
        }
        var result = J1qlParser.Parse("FIND * WITH " + text, ParseLimits);
        var parsed = result.Query?.Start.Filter
            ?? throw new ArgumentException($"filter '{text}' does not parse: {result.Error}", nameof(text));
        if (compiled.Count >= Capacity)
        {
            compiled.Clear();
        }
        return compiled[text] = new PartitionFilter(parsed, CompiledFilter.Compile(parsed, default));
    }
}

/// <summary>A filter as parsed (for the partition's <see cref="EqualityIndex"/>) and compiled (to test each entity).</summary>
internal sealed record PartitionFilter(Filter Parsed, CompiledFilter Compiled);
