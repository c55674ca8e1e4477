namespace Fleet.Query.Syntax;

/// <summary>What a query answers with: a tree, or table columns.</summary>
public abstract record ReturnClause;

/// <summary><c>RETURN TREE</c>: vertices and edges of every matched path.</summary>
public sealed record ReturnTree : ReturnClause
{
    public static ReturnTree Instance { get; } = new();
}

/// <summary><c>RETURN item, item</c>: a table, one row per matched path (or per group when aggregating).</summary>
public sealed record ReturnItems(EquatableArray<ReturnItem> Items) : ReturnClause;

public abstract record ReturnItem;

/// <summary><c>a.prop [AS "label"]</c>.</summary>
public sealed record PropertyItem(string Alias, string Property, string? Label) : ReturnItem;

/// <summary><c>a</c>: the whole entity in one column.</summary>
public sealed record EntityItem(string Alias) : ReturnItem;

/// <summary><c>a.*</c>: every field and property of the entity, one column each.</summary>
public sealed record AllPropertiesItem(string Alias) : ReturnItem;

/// <summary><c>COUNT(a)</c>, <c>MIN(a.p)</c>… Property is null only for COUNT.</summary>
public sealed record AggregateItem(AggregateFunction Function, string Alias, string? Property, string? Label) : ReturnItem;

public enum AggregateFunction
{
    Count,
    Min,
    Max,
    Avg,
    Sum,
}
