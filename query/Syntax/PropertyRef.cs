using Orleans;

namespace Fleet.Query.Syntax;

/// <summary>
/// A property name, possibly dotted (<c>tag.Owner</c>). <see cref="Alias"/> is set in WHERE, RETURN and
/// ORDER BY (<c>d.hostname</c>); in WITH filters it is null and the property belongs to the step's entity.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.query.PropertyRef")]
public sealed record PropertyRef([property: Id(0)] string? Alias, [property: Id(1)] string Name)
{
    public override string ToString() => Alias is null ? Name : $"{Alias}.{Name}";
}
