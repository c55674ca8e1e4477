using Fleet.Query.Evaluation;
using Fleet.Query.Syntax;

namespace Fleet.Query.Tests.Evaluation;

public sealed class FilterEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private static Entity Device(params (string Name, PropertyValue Value)[] properties) =>
        new("d1", "device:d1", "Device", "fleet_device", "d1", properties.ToDictionary(p => p.Name, p => p.Value));

    private static Filter Filter(string text) => J1qlParser.Parse($"FIND Device WITH {text}", QueryLimits.Default).Query!.Start.Filter!;

    private static Filter Where(string text) => J1qlParser.Parse($"FIND Person AS p THAT OWNS Device AS d WHERE {text}", QueryLimits.Default).Query!.Where!;

    [Fact]
    public void Number_literal_matches_a_numeric_string() =>
        Assert.True(FilterEvaluator.Matches(Filter("screenLockTimeout = 600"), Device(("screenLockTimeout", "600")), Now));

    [Fact]
    public void Number_compares_numerically_not_as_text() =>
        Assert.True(FilterEvaluator.Matches(Filter("score > 9"), Device(("score", 10.0)), Now));

    [Fact]
    public void Boolean_does_not_equal_a_string() =>
        Assert.False(FilterEvaluator.Matches(Filter("encrypted = true"), Device(("encrypted", "true")), Now));

    [Fact]
    public void String_operators_do_not_apply_to_numbers() =>
        Assert.False(FilterEvaluator.Matches(Filter("score ~= '1'"), Device(("score", 10.0)), Now));

    [Fact]
    public void Every_negative_operator_holds_for_an_absent_property()
    {
        foreach (var op in new[] { "!=", "!~=", "!^=", "!$=" })
        {
            Assert.True(FilterEvaluator.Matches(Filter($"missing {op} 'x'"), Device(), Now), op);
        }
    }

    [Fact]
    public void Every_positive_operator_fails_for_an_absent_property()
    {
        foreach (var op in new[] { "=", ">", "<", ">=", "<=", "~=", "^=", "$=" })
        {
            Assert.False(FilterEvaluator.Matches(Filter($"missing {op} 'x'"), Device(), Now), op);
        }
    }

    [Fact]
    public void Relative_date_is_resolved_against_the_given_now()
    {
        var device = Device(("lastSeenOn", Now.AddHours(-5)));
        Assert.True(FilterEvaluator.Matches(Filter("lastSeenOn > date.now - 6 hours"), device, Now));
        Assert.False(FilterEvaluator.Matches(Filter("lastSeenOn > date.now - 4 hours"), device, Now));
    }

    [Fact]
    public void Date_compares_with_epoch_milliseconds() =>
        Assert.True(FilterEvaluator.Matches(Filter("lastSeenOn = date(2026-01-31)"),
            Device(("lastSeenOn", (double)new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds())), Now));

    [Fact]
    public void Not_contains_a_value_list_holds_when_no_element_contains_any_value() =>
        Assert.False(FilterEvaluator.Matches(Filter("failing !~= ('fire' OR 'disk')"), Device(("failing", PropertyValue.List("screenLock", "diskEncryption"))), Now));

    [Fact]
    public void WHERE_resolves_each_alias_to_its_entity()
    {
        var person = new Entity("p1", "person:p1", "Person", "fleet_person", "Ann", new Dictionary<string, PropertyValue> { ["name"] = "Ann" });
        var device = Device(("ownerName", "Ann"));
        Assert.True(FilterEvaluator.Matches(Where("p.name = d.ownerName"), alias => alias == "p" ? person : device, Now));
        Assert.False(FilterEvaluator.Matches(Where("p.name != d.ownerName"), alias => alias == "p" ? person : device, Now));
    }

    [Fact]
    public void WHERE_comparison_with_an_absent_right_side_fails_equals_and_holds_not_equals()
    {
        var person = new Entity("p1", "person:p1", "Person", "fleet_person", "Ann", new Dictionary<string, PropertyValue> { ["name"] = "Ann" });
        Assert.False(FilterEvaluator.Matches(Where("p.name = d.ownerName"), alias => alias == "p" ? person : Device(), Now));
        Assert.True(FilterEvaluator.Matches(Where("p.name != d.ownerName"), alias => alias == "p" ? person : Device(), Now));
    }
}
