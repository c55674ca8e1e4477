namespace Fleet.Query;

/// <summary>
/// Bounds that keep one question from hurting the service: checked by the parser (length, hops,
/// nesting, LIMIT) and by the executor (time, intermediate results).
/// </summary>
public sealed record QueryLimits
{
    public static QueryLimits Default { get; } = new();

    /// <summary>Longest accepted query text, in characters.</summary>
    public int MaxQueryLength { get; init; } = 10_000;

    /// <summary>Most <c>THAT</c> steps (negated ones included) after the first target.</summary>
    public int MaxHops { get; init; } = 8;

    /// <summary>Deepest parenthesis nesting inside filters; keeps the recursive parser off the stack limit.</summary>
    public int MaxNestingDepth { get; init; } = 32;

    /// <summary>LIMIT applied when a query has none (J1QL's default).</summary>
    public int DefaultLimit { get; init; } = 250;

    /// <summary>Largest explicit LIMIT; above the default so exports need no paging tricks.</summary>
    public int MaxLimit { get; init; } = 10_000;

    /// <summary>Most entities or partial paths held at any point of an execution.</summary>
    public int MaxIntermediateResults { get; init; } = 200_000;

    /// <summary>Time budget of one execution.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The LIMIT an execution of <paramref name="query"/> applies: its own, or the default, capped at the maximum.</summary>
    public int LimitOf(Syntax.Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Math.Min(query.Limit ?? DefaultLimit, MaxLimit);
    }
}
