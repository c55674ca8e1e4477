using System.Globalization;
using Fleet.Query.Syntax;

namespace Fleet.Query.Evaluation;

/// <summary>
/// Compares two present property values with a positive operator. Values compare within their kind;
/// numbers also match numeric strings, and dates match ISO strings and epoch-millisecond numbers.
/// A list on either side holds when any element does.
/// </summary>
public static class PropertyComparison
{
    public static bool Holds(ComparisonOperator op, PropertyValue actual, PropertyValue expected)
    {
        if (actual is StringListValue actualList)
        {
            return actualList.Values.Any(item => Holds(op, new StringValue(item), expected));
        }
        if (expected is StringListValue expectedList)
        {
            return expectedList.Values.Any(item => Holds(op, actual, new StringValue(item)));
        }
        return op switch
        {
            ComparisonOperator.Equal => Compare(actual, expected) == 0,
            ComparisonOperator.Greater => Compare(actual, expected) > 0,
            ComparisonOperator.Less => Compare(actual, expected) < 0,
            ComparisonOperator.GreaterOrEqual => Compare(actual, expected) >= 0,
            ComparisonOperator.LessOrEqual => Compare(actual, expected) <= 0,
            ComparisonOperator.Contains => actual is StringValue a && expected is StringValue e && a.Value.Contains(e.Value, StringComparison.Ordinal),
            ComparisonOperator.StartsWith => actual is StringValue a2 && expected is StringValue e2 && a2.Value.StartsWith(e2.Value, StringComparison.Ordinal),
            ComparisonOperator.EndsWith => actual is StringValue a3 && expected is StringValue e3 && a3.Value.EndsWith(e3.Value, StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>Sign of actual − expected, or null when the two cannot be compared.</summary>
    public static int? Compare(PropertyValue actual, PropertyValue expected)
    {
        switch (actual, expected)
        {
            case (StringValue a, StringValue e):
                return Math.Sign(string.CompareOrdinal(a.Value, e.Value));
            case (NumberValue a, NumberValue e):
                return a.Value.CompareTo(e.Value);
            case (BooleanValue a, BooleanValue e):
                return a.Value.CompareTo(e.Value);
            case (DateValue, _) or (_, DateValue):
                return TryGetInstant(actual, out var left) && TryGetInstant(expected, out var right) ? left.CompareTo(right) : null;
            case (NumberValue a, StringValue e):
                return TryParseNumber(e.Value, out var n) ? a.Value.CompareTo(n) : null;
            case (StringValue a, NumberValue e):
                return TryParseNumber(a.Value, out var m) ? m.CompareTo(e.Value) : null;
            default:
                return null;
        }
    }

    /// <summary>A date-valued property: a date, an ISO-8601 string, or epoch milliseconds.</summary>
    public static bool TryGetInstant(PropertyValue value, out DateTimeOffset instant)
    {
        switch (value)
        {
            case DateValue d:
                instant = d.Value;
                return true;
            case StringValue s when s.Value.Length >= 10 && s.Value[4] == '-':
                return DateTimeOffset.TryParse(s.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
            case NumberValue n when n.Value is >= -62_135_596_800_000 and <= 253_402_300_799_999:
                instant = DateTimeOffset.FromUnixTimeMilliseconds((long)n.Value);
                return true;
            default:
                instant = default;
                return false;
        }
    }

    private static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
