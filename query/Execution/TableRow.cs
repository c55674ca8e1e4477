using Fleet.Query.Evaluation;

namespace Fleet.Query.Execution;

/// <summary>A table row: named columns in RETURN order.</summary>
public sealed record TableRow(EquatableArray<TableColumn> Columns)
{
    public TableCell? this[string column] => Columns.FirstOrDefault(c => c.Name == column)?.Cell;

    /// <summary>The value in a column, null when absent or not a value column.</summary>
    public PropertyValue? ValueOf(string column) => (this[column] as ValueCell)?.Value;
}

public sealed record TableColumn(string Name, TableCell Cell);

/// <summary>A cell holds a property value (null when the property is absent) or a whole entity (<c>RETURN a</c>).</summary>
public abstract record TableCell;

public sealed record ValueCell(PropertyValue? Value) : TableCell;

public sealed record EntityCell(Entity Entity) : TableCell;
