using Orleans;

namespace Fleet.Query.Syntax;

/// <summary>
/// A boolean condition: a comparison, or AND/OR of filters (n-ary, flattened as written). Filters cross to the graph
/// partitions as these records (Orleans-serialized), never as text.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.query.Filter")]
public abstract record Filter;

/// <summary><c>property op value</c>.</summary>
[GenerateSerializer, Immutable, Alias("fleet.query.Comparison")]
public sealed record Comparison(
    [property: Id(0)] PropertyRef Property,
    [property: Id(1)] ComparisonOperator Operator,
    [property: Id(2)] FilterValue Value) : Filter;

/// <summary>All operands hold.</summary>
[GenerateSerializer, Immutable, Alias("fleet.query.AndFilter")]
public sealed record AndFilter([property: Id(0)] EquatableArray<Filter> Operands) : Filter;

/// <summary>At least one operand holds.</summary>
[GenerateSerializer, Immutable, Alias("fleet.query.OrFilter")]
public sealed record OrFilter([property: Id(0)] EquatableArray<Filter> Operands) : Filter;
