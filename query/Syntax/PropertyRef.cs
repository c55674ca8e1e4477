namespace Fleet.Query.Syntax;

/// <summary>
/// A property name, possibly dotted (<c>tag.Owner</c>). <see cref="Alias"/> is set in WHERE, RETURN and
/// ORDER BY (<c>d.hostname</c>); in WITH filters it is null and the property belongs to the step's entity.
/// </summary>
public sealed record PropertyRef(string? Alias, string Name)
{
    public override string ToString() => Alias is null ? Name : $"{Alias}.{Name}";
}
