using Fleet.Query.Syntax;

namespace Fleet.Query.Evaluation;

/// <summary>
/// Decides whether a filter holds. Pure: the clock comes in as <c>now</c>.
/// Rules (J1QL): an absent property fails every positive comparison and satisfies every negative one;
/// a negative operator is "not the positive one", so <c>!= ('a' OR 'b')</c> means neither;
/// <c>= undefined</c> means absent and <c>!= undefined</c> present.
/// </summary>
public static class FilterEvaluator
{
    /// <summary>A WITH filter against one entity (property references have no alias).</summary>
    public static bool Matches(Filter filter, IEntityView entity, DateTimeOffset now) =>
        Evaluate(filter, reference => entity.TryGetProperty(reference.Name, out var value) ? value : null, now);

    /// <summary>A WHERE filter: <paramref name="resolveAlias"/> gives the entity bound to an alias.</summary>
    public static bool Matches(Filter filter, Func<string, IEntityView?> resolveAlias, DateTimeOffset now) =>
        Evaluate(filter, reference => reference.Alias is not null
            && resolveAlias(reference.Alias) is { } entity
            && entity.TryGetProperty(reference.Name, out var value) ? value : null, now);

    private static bool Evaluate(Filter filter, Func<PropertyRef, PropertyValue?> lookup, DateTimeOffset now) => filter switch
    {
        AndFilter and => and.Operands.All(operand => Evaluate(operand, lookup, now)),
        OrFilter or => or.Operands.Any(operand => Evaluate(operand, lookup, now)),
        Comparison comparison => Evaluate(comparison, lookup, now),
        _ => false,
    };

    private static bool Evaluate(Comparison comparison, Func<PropertyRef, PropertyValue?> lookup, DateTimeOffset now)
    {
        var actual = lookup(comparison.Property);
        if (comparison.Value is UndefinedLiteral)
        {
            return comparison.Operator == ComparisonOperator.NotEqual ? actual is not null : actual is null;
        }
        var positive = actual is not null && HoldsPositive(comparison.Operator.Positive(), actual, comparison.Value, lookup, now);
        return comparison.Operator.IsNegative() ? !positive : positive;
    }

    private static bool HoldsPositive(ComparisonOperator op, PropertyValue actual, FilterValue value, Func<PropertyRef, PropertyValue?> lookup, DateTimeOffset now)
    {
        if (value is ValueList list)
        {
            return list.Values.Any(item => HoldsPositive(op, actual, item, lookup, now));
        }
        var expected = value switch
        {
            PropertyOperand operand => lookup(operand.Property),
            _ => ToPropertyValue(value, now),
        };
        return expected is not null && PropertyComparison.Holds(op, actual, expected);
    }

    /// <summary>The value a literal stands for at <paramref name="now"/>; null for <c>undefined</c>, lists and operands.</summary>
    public static PropertyValue? ToPropertyValue(FilterValue value, DateTimeOffset now) => value switch
    {
        StringLiteral s => new StringValue(s.Value),
        NumberLiteral n => new NumberValue(n.Value),
        BooleanLiteral b => new BooleanValue(b.Value),
        AbsoluteDate d => new DateValue(d.Value),
        RelativeDate r => new DateValue(r.ResolveAgainst(now)),
        _ => null,
    };
}
