using Fleet.Query.Syntax;

namespace Fleet.Query.Evaluation;

/// <summary>
/// A WITH filter prepared once for many entities: literals are turned into property values up front and nothing
/// is allocated per entity. Same semantics as <see cref="FilterEvaluator"/> (which stays the reference); use this
/// where one filter meets thousands of entities (partition scans, query steps).
/// </summary>
public sealed class CompiledFilter
{
    private readonly Node root;

    private CompiledFilter(Node root) => this.root = root;

    public static CompiledFilter Compile(Filter filter, DateTimeOffset now) => new(CompileNode(filter, now));

    public bool Matches(IEntityView entity) => root.Matches(entity);

    private static Node CompileNode(Filter filter, DateTimeOffset now) => filter switch
    {
        AndFilter and => new AllNode([.. and.Operands.Select(o => CompileNode(o, now))]),
        OrFilter or => new AnyNode([.. or.Operands.Select(o => CompileNode(o, now))]),
        Comparison { Value: UndefinedLiteral } c => new DefinedNode(c.Property.Name, defined: c.Operator == ComparisonOperator.NotEqual),
        Comparison c => new ComparisonNode(c.Property.Name, c.Operator.Positive(), c.Operator.IsNegative(), [.. ExpectedValues(c.Value, now)]),
        _ => new AnyNode([]),
    };

    /// <summary>The values a comparison holds against: one literal, every item of a list, or another property.</summary>
    private static IEnumerable<Expected> ExpectedValues(FilterValue value, DateTimeOffset now) => value switch
    {
        ValueList list => list.Values.SelectMany(item => ExpectedValues(item, now)),
        PropertyOperand operand => [new Expected(null, operand.Property.Name)],
        _ => FilterEvaluator.ToPropertyValue(value, now) is { } literal ? [new Expected(literal, null)] : [],
    };

    private abstract class Node
    {
        public abstract bool Matches(IEntityView entity);
    }

    private sealed class AllNode(Node[] operands) : Node
    {
        public override bool Matches(IEntityView entity)
        {
            foreach (var operand in operands)
                if (!operand.Matches(entity)) return false;
            return true;
        }
    }

    private sealed class AnyNode(Node[] operands) : Node
    {
        public override bool Matches(IEntityView entity)
        {
            foreach (var operand in operands)
                if (operand.Matches(entity)) return true;
            return false;
        }
    }

    /// <summary><c>= undefined</c> (absent) and <c>!= undefined</c> (present).</summary>
    private sealed class DefinedNode(string property, bool defined) : Node
    {
        public override bool Matches(IEntityView entity) => entity.TryGetProperty(property, out _) == defined;
    }

    private sealed class ComparisonNode(string property, ComparisonOperator positive, bool negative, Expected[] expected) : Node
    {
        public override bool Matches(IEntityView entity)
        {
            // An absent property fails every positive comparison, so it satisfies every negative one.
            var holds = entity.TryGetProperty(property, out var actual) && HoldsAny(entity, actual);
            return negative ? !holds : holds;
        }

        private bool HoldsAny(IEntityView entity, PropertyValue actual)
        {
            foreach (var candidate in expected)
            {
                var value = candidate.Literal;
                if (value is null && candidate.Property is { } other)
                    entity.TryGetProperty(other, out value);
                if (value is not null && PropertyComparison.Holds(positive, actual, value)) return true;
            }
            return false;
        }
    }

    private readonly record struct Expected(PropertyValue? Literal, string? Property);
}
