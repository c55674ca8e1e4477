using Fleet.Query.Syntax;

namespace Fleet.Query.Execution;

// "Query" alone would name the Fleet.Query namespace from here.
using Query = Fleet.Query.Syntax.Query;

/// <summary>
/// Chooses where a query starts: the most selective step, so that
/// <c>FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false</c> begins with the few
/// non-compliant agents instead of every person. Then it walks outwards, right first, then left.
/// </summary>
public static class QueryPlanner
{
    public static QueryPlan Plan(Query query) => PlanFrom(query, fixedAnchor: null);

    /// <summary>The plan that starts at chain step <paramref name="anchor"/> (0 = the FIND step) instead of the most selective one.</summary>
    public static QueryPlan PlanFrom(Query query, int anchor) => PlanFrom(query, (int?)anchor);

    private static QueryPlan PlanFrom(Query query, int? fixedAnchor)
    {
        var steps = new List<(EntityStep Step, List<Traversal> Negations)> { (query.Start, []) };
        var links = new List<Traversal>();
        foreach (var traversal in query.Traversals)
        {
            if (traversal.Negated)
            {
                steps[^1].Negations.Add(traversal);
            }
            else
            {
                steps.Add((traversal.Target, []));
                links.Add(traversal);
            }
        }

        var anchor = fixedAnchor ?? 0;
        for (var i = 1; fixedAnchor is null && i < steps.Count; i++)
        {
            // Strictly greater: on a tie the earlier step wins, which keeps plans predictable.
            if (Selectivity(steps[i].Step) > Selectivity(steps[anchor].Step))
            {
                anchor = i;
            }
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(anchor, steps.Count, nameof(fixedAnchor));

        var hops = new List<PlannedHop>();
        for (var i = anchor + 1; i < steps.Count; i++)
        {
            hops.Add(new PlannedHop(i - 1, i, links[i - 1].Verbs, links[i - 1].Direction));
        }
        for (var i = anchor - 1; i >= 0; i--)
        {
            hops.Add(new PlannedHop(i + 1, i, links[i].Verbs, links[i].Direction.Reverse()));
        }

        return new QueryPlan(
            steps.Select(s => new PlannedStep(s.Step, s.Negations.ToEquatableArray())).ToEquatableArray(),
            anchor,
            hops.ToEquatableArray());
    }

    /// <summary>A rough rank: an equality filter narrows most, any filter narrows some, a named class beats <c>*</c>.</summary>
    public static int Selectivity(EntityStep step)
    {
        var score = step.Target.IsAny ? 0 : 1;
        if (step.Filter is not null)
        {
            score += HasEquality(step.Filter) ? 4 : 2;
        }
        return score;
    }

    private static bool HasEquality(Filter filter) => filter switch
    {
        Comparison c => c.Operator == ComparisonOperator.Equal && c.Value is not UndefinedLiteral,
        AndFilter and => and.Operands.Any(HasEquality),
        OrFilter or => or.Operands.All(HasEquality),
        _ => false,
    };
}
