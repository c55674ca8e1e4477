using Fleet.Query.Evaluation;
using Fleet.Query.Syntax;

namespace Fleet.Query.Tests.Evaluation;

/// <summary>
/// The index may only narrow where to look: a scan of its candidates must find exactly what a scan of every entity
/// finds, for every filter, before and after the entities change.
/// </summary>
public sealed class EqualityIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Properties = ["name", "score", "compliant", "lastSeenOn", "tags", "missing", "_class", "displayName"];

    private static readonly string[] Operators = ["=", "!=", ">", "~=", "!^="];

    private static readonly string[] Values =
    [
        "'ann'", "'10'", "'true'", "10", "true", "false", "undefined", "('ann' OR 'bob')", "('x' OR true)", "(1 OR 10)",
        "date(2026-01-31)", "'2026-01-01T00:00:00Z'", "'Device'", "'d'",
    ];

    private static List<Entity> Fleet() =>
    [
        Entity("e0"),
        Entity("e1", ("name", "ann"), ("score", 10.0), ("compliant", true), ("lastSeenOn", Now.AddDays(-1))),
        Entity("e2", ("name", "bob"), ("score", "10"), ("compliant", "true"), ("lastSeenOn", "2026-01-01T00:00:00Z"), ("tags", PropertyValue.List("ann", "x"))),
        Entity("e3", ("name", "annette"), ("score", 9.5), ("compliant", false), ("lastSeenOn", 1767225600000.0), ("tags", PropertyValue.List())),
        Entity("e4", ("name", "10"), ("compliant", false), ("tags", PropertyValue.List("bob"))),
        Entity("e5", ("name", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), ("compliant", false)),
    ];

    [Fact]
    public void Every_operator_value_and_property_finds_through_the_index_what_a_full_scan_finds()
    {
        var entities = Fleet();
        var index = new EqualityIndex();
        foreach (var property in Properties)
        foreach (var op in Operators)
        foreach (var value in Values)
        {
            if (Parse($"{property} {op} {value}") is { } filter)
                AssertSameMatches(index, entities, filter);
        }
        Assert.True(index.IndexedProperties > 0);
    }

    // AND takes the smallest indexable operand, OR the union when every branch is indexable: a seeded sample of both.
    [Fact]
    public void Random_and_or_combinations_find_through_the_index_what_a_full_scan_finds()
    {
        var entities = Fleet();
        var index = new EqualityIndex();
        var random = new Random(20261128);
        var compared = 0;
        for (var i = 0; i < 2_000; i++)
        {
            if (Parse(Combination(random, depth: 3)) is not { } filter)
                continue;
            AssertSameMatches(index, entities, filter);
            compared++;
        }
        Assert.True(compared > 500, $"only {compared} combinations parsed");
    }

    [Fact]
    public void A_boolean_equality_names_only_the_entities_holding_that_boolean()
    {
        var entities = Fleet();
        var index = new EqualityIndex();

        var candidates = index.Candidates(Parse("compliant = false")!, entities);

        Assert.Equal(["e3", "e4", "e5"], candidates!.Order());
    }

    [Fact]
    public void Changes_after_the_index_was_built_move_entities_between_values()
    {
        var entities = Fleet();
        var index = new EqualityIndex();
        var filter = Parse("compliant = false")!;
        index.Candidates(filter, entities);

        // e1 turns non-compliant, e3 compliant, e4 loses the property, e5 is removed, e6 arrives non-compliant.
        Replace(entities, index, Entity("e1", ("name", "ann"), ("compliant", false)));
        Replace(entities, index, Entity("e3", ("name", "annette"), ("compliant", true)));
        Replace(entities, index, Entity("e4", ("name", "10")));
        index.Remove(entities.Single(e => e.Id == "e5"));
        entities.RemoveAll(e => e.Id == "e5");
        Replace(entities, index, Entity("e6", ("compliant", false), ("tags", PropertyValue.List("ann"))));

        Assert.Equal(["e1", "e6"], index.Candidates(filter, entities)!.Order());
        foreach (var value in Values)
        foreach (var property in Properties)
        {
            if (Parse($"{property} = {value}") is { } other)
                AssertSameMatches(index, entities, other);
        }
    }

    [Theory]
    [InlineData("score = 10")]
    [InlineData("compliant != false")]
    [InlineData("name ~= 'an'")]
    [InlineData("lastSeenOn = date(2026-01-01)")]
    [InlineData("compliant = false OR score > 1")]
    [InlineData("_class = 'Device'")]
    public void A_filter_without_an_indexable_equality_is_left_to_a_scan(string text)
    {
        var index = new EqualityIndex();

        Assert.Null(index.Candidates(Parse(text)!, Fleet()));
    }

    [Fact]
    public void No_more_than_the_configured_number_of_properties_is_indexed()
    {
        var index = new EqualityIndex(maxProperties: 1);
        var entities = Fleet();

        Assert.NotNull(index.Candidates(Parse("compliant = false")!, entities));
        Assert.Null(index.Candidates(Parse("name = 'ann'")!, entities));
        Assert.Equal(1, index.IndexedProperties);
    }

    private static void Replace(List<Entity> entities, EqualityIndex index, Entity next)
    {
        var position = entities.FindIndex(e => e.Id == next.Id);
        index.Update(position < 0 ? null : entities[position], next);
        if (position < 0)
            entities.Add(next);
        else
            entities[position] = next;
    }

    private static void AssertSameMatches(EqualityIndex index, List<Entity> entities, Filter filter)
    {
        var compiled = CompiledFilter.Compile(filter, Now);
        var expected = entities.Where(compiled.Matches).Select(e => e.Id).Order().ToList();
        if (index.Candidates(filter, entities) is not { } candidates)
            return;
        Assert.Equal(candidates.Count, candidates.Distinct().Count());
        var found = entities.Where(e => candidates.Contains(e.Id) && compiled.Matches(e)).Select(e => e.Id).Order().ToList();
        Assert.True(expected.SequenceEqual(found), $"{filter}: scan [{string.Join(", ", expected)}], index [{string.Join(", ", found)}]");
    }

    private static string Combination(Random random, int depth)
    {
        if (depth == 0 || random.Next(3) == 0)
            return $"{Properties[random.Next(Properties.Length)]} {Operators[random.Next(Operators.Length)]} {Values[random.Next(Values.Length)]}";
        var joiner = random.Next(2) == 0 ? " AND " : " OR ";
        return "(" + Combination(random, depth - 1) + joiner + Combination(random, depth - 1) + ")";
    }

    // Partitions receive filters with dates already bound, so the parsed filter is bound here as well.
    private static Filter? Parse(string filter) =>
        J1qlParser.Parse($"FIND Device WITH {filter}", QueryLimits.Default).Query?.Start.Filter is { } parsed ? RelativeDateBinder.Bind(parsed, Now) : null;

    private static Entity Entity(string id, params (string Name, PropertyValue Value)[] properties) =>
        new(id, "k", "Device", "fleet_device", "d", properties.ToDictionary(p => p.Name, p => p.Value));
}
