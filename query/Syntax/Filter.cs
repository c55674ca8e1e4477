namespace Fleet.Query.Syntax;

/// <summary>A boolean condition: a comparison, or AND/OR of filters (n-ary, flattened as written).</summary>
public abstract record Filter;

/// <summary><c>property op value</c>.</summary>
public sealed record Comparison(PropertyRef Property, ComparisonOperator Operator, FilterValue Value) : Filter;

/// <summary>All operands hold.</summary>
public sealed record AndFilter(EquatableArray<Filter> Operands) : Filter;

/// <summary>At least one operand holds.</summary>
public sealed record OrFilter(EquatableArray<Filter> Operands) : Filter;
