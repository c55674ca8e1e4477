namespace Fleet.Query.Evaluation;

/// <summary>A directed graph edge; <see cref="Class"/> is the verb (ALLCAPS, e.g. OWNS).</summary>
public sealed record Relationship(
    string Id,
    string Class,
    string FromId,
    string ToId,
    IReadOnlyDictionary<string, PropertyValue> Properties);
