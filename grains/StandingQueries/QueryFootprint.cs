using Fleet.Contracts.Push;
using Fleet.Grains.Push;
using Fleet.Query.Syntax;

namespace Fleet.Grains.StandingQueries;

using J1qlQuery = Fleet.Query.Syntax.Query;

/// <summary>
/// What a query's answer can depend on: for each step, its target and the property names whose values decide
/// which entities it keeps or shows. A change touching none of them cannot change the result's ids, so the
/// query is not re-run for it. Over-approximates (never misses a relevant change).
/// </summary>
public sealed class QueryFootprint
{
    private readonly IReadOnlyList<(TargetSelector Target, bool HasFilter, HashSet<string> Properties)> steps;
    private readonly HashSet<string> sharedProperties;
    private readonly bool anyProperty;

    private QueryFootprint(
        IReadOnlyList<(TargetSelector, bool, HashSet<string>)> steps, HashSet<string> sharedProperties, bool anyProperty)
    {
        this.steps = steps;
        this.sharedProperties = sharedProperties;
        this.anyProperty = anyProperty;
    }

    public static QueryFootprint Of(J1qlQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var shared = new HashSet<string>(StringComparer.Ordinal);
        var anyProperty = false;
        if (query.Where is { } where)
            CollectProperties(where, shared);
        if (query.OrderBy is { } orderBy)
            shared.Add(orderBy.Property.Name);
        if (query.Return is ReturnItems items)
        {
            foreach (var item in items.Items)
            {
                switch (item)
                {
                    case PropertyItem p:
                        shared.Add(p.Property);
                        break;
                    case AggregateItem { Property: { } property }:
                        shared.Add(property);
                        break;
                    case EntityItem or AllPropertiesItem:
                        anyProperty = true;
                        break;
                }
            }
        }

        var steps = new List<(TargetSelector, bool, HashSet<string>)>();
        foreach (var step in query.Steps)
        {
            var properties = new HashSet<string>(StringComparer.Ordinal);
            if (step.Filter is { } filter)
                CollectProperties(filter, properties);
            steps.Add((step.Target, step.Filter is not null, properties));
        }
        return new QueryFootprint(steps, shared, anyProperty);
    }

    /// <summary>Whether any change in the batch can change this query's result.</summary>
    public bool IsAffectedBy(IEnumerable<FleetEvent> changes) => changes.Any(IsAffectedBy);

    public bool IsAffectedBy(FleetEvent change)
    {
        foreach (var touch in ChangeTouches.Of(change))
        {
            foreach (var (target, _, properties) in steps)
            {
                if (!target.Matches(touch.Class, touch.Type))
                    continue;
                if (touch.Membership || anyProperty)
                    return true;
                if (touch.Properties is null)
                {
                    if (properties.Count > 0 || sharedProperties.Count > 0)
                        return true;
                }
                else if (touch.Properties.Overlaps(properties) || touch.Properties.Overlaps(sharedProperties))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static void CollectProperties(Filter filter, HashSet<string> into)
    {
        switch (filter)
        {
            case Comparison c:
                into.Add(c.Property.Name);
                break;
            case AndFilter and:
                foreach (var operand in and.Operands)
                    CollectProperties(operand, into);
                break;
            case OrFilter or:
                foreach (var operand in or.Operands)
                    CollectProperties(operand, into);
                break;
        }
    }
}
