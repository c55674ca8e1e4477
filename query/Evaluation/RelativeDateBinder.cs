using Fleet.Query.Syntax;

namespace Fleet.Query.Evaluation;

/// <summary>
/// Replaces <c>date.now ± n units</c> with absolute dates, once per execution, so a graph source filtering
/// on its own never needs (or disagrees about) the clock.
/// </summary>
public static class RelativeDateBinder
{
    public static Filter Bind(Filter filter, DateTimeOffset now) => filter switch
    {
        AndFilter and => new AndFilter(and.Operands.Select(o => Bind(o, now)).ToEquatableArray()),
        OrFilter or => new OrFilter(or.Operands.Select(o => Bind(o, now)).ToEquatableArray()),
        Comparison c => c with { Value = Bind(c.Value, now) },
        _ => filter,
    };

    private static FilterValue Bind(FilterValue value, DateTimeOffset now) => value switch
    {
        RelativeDate r => new AbsoluteDate(r.ResolveAgainst(now)),
        ValueList list => new ValueList(list.Values.Select(v => Bind(v, now)).ToEquatableArray()),
        _ => value,
    };
}
