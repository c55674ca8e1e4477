namespace Fleet.Query.Syntax;

/// <summary>
/// A parsed J1QL query. Immutable with value equality, so <c>Parse(Format(q)) == q</c> can be asserted.
/// <see cref="Limit"/> is null when the text has none; the executor then applies <see cref="QueryLimits.DefaultLimit"/>.
/// </summary>
public sealed record Query(
    bool Unique,
    EntityStep Start,
    EquatableArray<Traversal> Traversals,
    Filter? Where,
    ReturnClause? Return,
    OrderBy? OrderBy,
    int? Skip,
    int? Limit)
{
    /// <summary>Every entity step in text order: the start, then each traversal's target.</summary>
    public IEnumerable<EntityStep> Steps => Traversals.Select(t => t.Target).Prepend(Start);
}
