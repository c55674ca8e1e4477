namespace Fleet.Query.Syntax;

/// <summary><c>ORDER BY a.p [ASC|DESC]</c>. A property without alias belongs to the starting entities.</summary>
public sealed record OrderBy(PropertyRef Property, bool Descending);
