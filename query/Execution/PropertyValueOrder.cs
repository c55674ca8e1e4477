using Fleet.Query.Evaluation;

namespace Fleet.Query.Execution;

/// <summary>
/// Total order for ORDER BY and MIN/MAX: values compare as in filters; values that cannot be compared
/// order by kind; absent values come last in either direction.
/// </summary>
public sealed class PropertyValueOrder(bool descending) : IComparer<PropertyValue?>
{
    public static PropertyValueOrder Ascending { get; } = new(false);

    public int Compare(PropertyValue? x, PropertyValue? y)
    {
        if (x is null || y is null)
        {
            return (x is null).CompareTo(y is null);
        }
        var order = PropertyComparison.Compare(x, y) ?? KindRank(x).CompareTo(KindRank(y));
        if (order == 0 && x is StringListValue a && y is StringListValue b)
        {
            order = string.CompareOrdinal(string.Join('\n', a.Values), string.Join('\n', b.Values));
        }
        return descending ? -order : order;
    }

    private static int KindRank(PropertyValue value) => value switch
    {
        BooleanValue => 0,
        NumberValue => 1,
        DateValue => 2,
        StringValue => 3,
        _ => 4,
    };
}
