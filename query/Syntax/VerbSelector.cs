namespace Fleet.Query.Syntax;

/// <summary>
/// The relationship classes a traversal follows: <c>RELATES TO</c> (any) or a set of verbs.
/// Verbs are stored upper-case and matched without regard to case, as relationship classes are ALLCAPS.
/// </summary>
public sealed record VerbSelector(EquatableArray<string> Verbs)
{
    public static VerbSelector Any { get; } = new(EquatableArray<string>.Empty);

    public bool IsAny => Verbs.Count == 0;

    public static VerbSelector Of(params string[] verbs) => new(verbs.Select(v => v.ToUpperInvariant()).ToEquatableArray());

    public bool Matches(string relationshipClass) =>
        IsAny || Verbs.Any(v => string.Equals(v, relationshipClass, StringComparison.OrdinalIgnoreCase));
}
