using Fleet.Query.Evaluation;
using Fleet.Query.Syntax;

namespace Fleet.Query.Tests.Evaluation;

/// <summary>The compiled form must decide exactly as the reference <see cref="FilterEvaluator"/> does.</summary>
public sealed class CompiledFilterTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Properties = ["name", "score", "encrypted", "lastSeenOn", "tags", "missing", "other"];

    private static readonly string[] Operators = ["=", "!=", ">", "<", ">=", "<=", "~=", "^=", "$=", "!~=", "!^=", "!$="];

    private static readonly string[] Values =
    [
        "'ann'", "'an'", "\"nn\"", "10", "9.5", "'10'", "true", "false", "undefined", "('ann' OR 'bob')", "(1 OR 10)",
        "date.now - 7 days", "date(2026-01-31)", "other",
    ];

    private static readonly Entity[] Entities =
    [
        Entity(),
        Entity(("name", "ann"), ("score", 10.0), ("encrypted", true), ("lastSeenOn", Now.AddDays(-1)), ("other", "ann")),
        Entity(("name", "bob"), ("score", "10"), ("encrypted", "true"), ("lastSeenOn", "2026-01-01T00:00:00Z"), ("tags", PropertyValue.List("ann", "x"))),
        Entity(("name", "annette"), ("score", 9.5), ("encrypted", false), ("lastSeenOn", 1769904000000.0), ("other", 9.5)),
    ];

    [Fact]
    public void Every_operator_value_and_property_decides_as_the_reference_evaluator()
    {
        foreach (var property in Properties)
        foreach (var op in Operators)
        foreach (var value in Values)
        {
            if (J1qlParser.Parse($"FIND Device WITH {property} {op} {value}", QueryLimits.Default).Query?.Start.Filter is not { } filter)
                continue;
            AssertSameDecisions(filter);
        }
    }

    // Proves AND/OR nesting compiles to the same decisions, over a bounded seeded sample of combinations.
    [Fact]
    public void Random_and_or_combinations_decide_as_the_reference_evaluator()
    {
        var random = new Random(20260201);
        var compared = 0;
        for (var i = 0; i < 2_000; i++)
        {
            // Some combinations are not valid J1QL (e.g. a string operator with a number); those are skipped.
            if (J1qlParser.Parse($"FIND Device WITH {Combination(random, depth: 3)}", QueryLimits.Default).Query?.Start.Filter is not { } filter)
                continue;
            AssertSameDecisions(filter);
            compared++;
        }
        Assert.True(compared > 500, $"only {compared} combinations parsed");
    }

    private static string Combination(Random random, int depth)
    {
        if (depth == 0 || random.Next(3) == 0)
            return $"{Properties[random.Next(Properties.Length)]} {Operators[random.Next(Operators.Length)]} {Values[random.Next(Values.Length - 1)]}";
        var joiner = random.Next(2) == 0 ? " AND " : " OR ";
        return "(" + Combination(random, depth - 1) + joiner + Combination(random, depth - 1) + ")";
    }

    private static void AssertSameDecisions(Filter filter)
    {
        var compiled = CompiledFilter.Compile(filter, Now);
        foreach (var entity in Entities)
            Assert.True(FilterEvaluator.Matches(filter, entity, Now) == compiled.Matches(entity), $"{filter} on {entity.Id}");
    }

    private static Entity Entity(params (string Name, PropertyValue Value)[] properties) =>
        new($"e{properties.Length}-{string.Join('-', properties.Select(p => p.Name))}", "k", "Device", "fleet_device", "d",
            properties.ToDictionary(p => p.Name, p => p.Value));
}
