using Fleet.Query.Syntax;

namespace Fleet.Query.Tests.Syntax;

using Query = Fleet.Query.Syntax.Query;

public sealed class ValidQueryTests
{
    public static TheoryData<string> ValidQueries => new()
    {
        "FIND Device",
        "find device_type",
        "FIND *",
        "FIND (Device|Person)",
        "FIND (fleet_device|Person|User)",
        "FIND UNIQUE Person",
        "FIND Device WITH encrypted = true",
        "FIND Device WITH encrypted=false",
        "FIND HostAgent WITH compliant = false AND status = 'FAIL'",
        "FIND HostAgent WITH status = 'FAIL' OR status = 'UNKNOWN'",
        "FIND HostAgent WITH (status = 'FAIL' OR status = 'UNKNOWN') AND compliant = false",
        "FIND HostAgent WITH status = 'FAIL' AND (online = true OR compliant = false)",
        "FIND HostAgent WITH ((status = 'FAIL'))",
        "FIND HostAgent WITH (a = 1 AND b = 2) AND c = 3",
        "FIND HostAgent WITH a = 1 AND b = 2 OR c = 3 AND d = 4",
        "FIND Device WITH screenLockTimeout > 600",
        "FIND Device WITH screenLockTimeout < 600",
        "FIND Device WITH screenLockTimeout >= 600",
        "FIND Device WITH screenLockTimeout <= 600",
        "FIND Device WITH screenLockTimeout != 600",
        "FIND Device WITH hostname ~= 'mac'",
        "FIND Device WITH hostname ^= 'ann-'",
        "FIND Device WITH hostname $= '.local'",
        "FIND Device WITH hostname !~= 'mac'",
        "FIND Device WITH hostname !^= 'ann-'",
        "FIND Device WITH hostname !$= '.local'",
        "FIND Device WITH hostname = \"double quoted\"",
        "FIND Device WITH hostname = 'it\\'s'",
        "FIND Device WITH hostname = 'back\\\\slash'",
        "FIND Device WITH osVersion = undefined",
        "FIND Device WITH osVersion != undefined",
        "FIND Device WITH platform = ('darwin' OR 'linux')",
        "FIND Device WITH platform != ('darwin' OR 'linux')",
        "FIND Device WITH score = -3.5",
        "FIND Device WITH score = 1E+20",
        "FIND Device WITH score = 0.001",
        "FIND Device WITH lastSeenOn > date.now - 7 days",
        "FIND Device WITH lastSeenOn > date.now - 1 day",
        "FIND Device WITH lastSeenOn < date.now + 2 hours",
        "FIND Device WITH lastSeenOn > date.now - 30 minutes",
        "FIND Device WITH lastSeenOn > date.now - 10 seconds",
        "FIND Device WITH lastSeenOn > date.now - 2 weeks",
        "FIND Device WITH lastSeenOn > date.now - 3 months",
        "FIND Device WITH lastSeenOn > date.now - 1 year",
        "FIND Device WITH lastSeenOn < date.now",
        "FIND Device WITH lastSeenOn > date(2026-01-31)",
        "FIND Device WITH lastSeenOn > date(2026-01-31T10:30:00Z)",
        "FIND Device WITH lastSeenOn > date(2026-01-31T10:30:00.5+02:00)",
        "FIND Device WITH tag.Owner = 'ann'",
        "FIND Device WITH _class = 'Device' AND _type = 'fleet_device' AND _key ^= 'device:' AND displayName ~= 'Mac'",
        "FIND Device WITH limit = 5",
        "FIND Person THAT OWNS Device",
        "FIND Person THAT owns Device",
        "FIND Person THAT OWNS >> Device",
        "FIND Device THAT OWNS << Person",
        "FIND Person !THAT OWNS Device",
        "FIND Person THAT !OWNS Device",
        "FIND Person THAT RELATES TO *",
        "FIND Person THAT relates to Device",
        "FIND Person THAT (OWNS|USES) Device",
        "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE",
        "FIND HostAgent WITH compliant=false THAT MONITORS Device THAT OWNS Person THAT IS User THAT ASSIGNED Application WITH shortName='aws' RETURN TREE",
        "FIND Person AS p THAT OWNS Device AS d RETURN p.name, d.hostname",
        "FIND Person AS p THAT OWNS Device AS d RETURN p.name AS \"Owner\", d.hostname AS 'Host'",
        "FIND Person AS p THAT OWNS Device AS d WHERE p.email = d.ownerEmail",
        "FIND Person AS p THAT OWNS Device AS d WHERE d.encrypted = false OR p.name = 'Ann' RETURN p",
        "FIND Person AS p THAT OWNS Device AS d WHERE d.tag.Owner != p.name RETURN d.*",
        "FIND Person AS p THAT OWNS Device AS d RETURN p.name, COUNT(d)",
        "FIND Device AS d RETURN COUNT(d), MIN(d.score), MAX(d.score), AVG(d.score), SUM(d.score)",
        "FIND Device AS d RETURN COUNT(d) AS \"devices\"",
        "FIND Device AS d ORDER BY d.hostname",
        "FIND Device AS d ORDER BY d.hostname DESC",
        "FIND Device AS d ORDER BY d.hostname ASC SKIP 10 LIMIT 5",
        "FIND Device ORDER BY hostname",
        "FIND Device SKIP 5",
        "FIND Device LIMIT 1000",
        "find unique person as p that owns device as d where d.score > 3 return p.name order by p.name desc skip 1 limit 2",
        "FIND Person\n  THAT OWNS Device\n  WITH encrypted = false\n  RETURN TREE",
        "FIND Person AS p THAT OWNS Device AS d RETURN TREE ORDER BY p.name LIMIT 3",
        "FIND Person AS p THAT OWNS Device AS d RETURN d.hostname ORDER BY d.hostname",
        "FIND Device WITH failing = 'firewall'",
        "FIND Device WITH version = ('1' OR 2 OR true OR date(2026-01-01))",
    };

    [Theory]
    [MemberData(nameof(ValidQueries))]
    public void Valid_query_parses_and_round_trips_through_the_formatter(string text)
    {
        var first = J1qlParser.Parse(text, QueryLimits.Default);
        Assert.True(first.IsSuccess, first.Error?.ToString());

        var canonical = QueryFormatter.Format(first.Query);
        var second = J1qlParser.Parse(canonical, QueryLimits.Default);

        Assert.True(second.IsSuccess, $"{canonical} -> {second.Error}");
        Assert.Equal(first.Query, second.Query);
        Assert.Equal(canonical, QueryFormatter.Format(second.Query));
    }

    [Fact]
    public void There_are_at_least_sixty_valid_queries() => Assert.True(ValidQueries.Count >= 60);

    private static Query Parse(string text)
    {
        var result = J1qlParser.Parse(text, QueryLimits.Default);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Query;
    }

    [Fact]
    public void TitleCase_target_matches_class_and_snake_case_matches_type()
    {
        var query = Parse("FIND (Device|fleet_agent|user)");
        Assert.Equal([TargetField.Class, TargetField.Type, TargetField.Type], query.Start.Target.Names.Select(n => n.Field));
    }

    [Fact]
    public void Star_target_is_any() => Assert.True(Parse("FIND *").Start.Target.IsAny);

    [Fact]
    public void Keywords_are_case_insensitive_and_verbs_are_upper_cased()
    {
        var query = Parse("find Person that owns Device");
        Assert.Equal(VerbSelector.Of("OWNS"), query.Traversals[0].Verbs);
    }

    [Fact]
    public void Relates_to_means_any_verb() => Assert.True(Parse("FIND Person THAT RELATES TO Device").Traversals[0].Verbs.IsAny);

    [Fact]
    public void Direction_markers_set_the_edge_direction()
    {
        Assert.Equal(EdgeDirection.Outgoing, Parse("FIND Person THAT OWNS >> Device").Traversals[0].Direction);
        Assert.Equal(EdgeDirection.Incoming, Parse("FIND Device THAT OWNS << Person").Traversals[0].Direction);
        Assert.Equal(EdgeDirection.Either, Parse("FIND Device THAT OWNS Person").Traversals[0].Direction);
    }

    [Fact]
    public void Both_negation_spellings_give_the_same_ast() =>
        Assert.Equal(Parse("FIND Person !THAT OWNS Device"), Parse("FIND Person THAT !OWNS Device"));

    [Fact]
    public void AND_binds_tighter_than_OR()
    {
        var filter = Assert.IsType<OrFilter>(Parse("FIND X WITH a = 1 AND b = 2 OR c = 3").Start.Filter);
        Assert.IsType<AndFilter>(filter.Operands[0]);
        Assert.IsType<Comparison>(filter.Operands[1]);
    }

    [Fact]
    public void Value_list_keeps_every_value()
    {
        var comparison = Assert.IsType<Comparison>(Parse("FIND Device WITH platform != ('darwin' OR 'linux')").Start.Filter);
        Assert.Equal(ComparisonOperator.NotEqual, comparison.Operator);
        Assert.Equal(new ValueList([new StringLiteral("darwin"), new StringLiteral("linux")]), comparison.Value);
    }

    [Fact]
    public void Relative_date_is_signed_with_its_unit()
    {
        var comparison = Assert.IsType<Comparison>(Parse("FIND Device WITH lastSeenOn > date.now - 7 days").Start.Filter);
        Assert.Equal(new RelativeDate(-7, DateUnit.Days), comparison.Value);
    }

    [Fact]
    public void Singular_and_plural_units_are_the_same()
    {
        Assert.Equal(Parse("FIND D WITH t > date.now - 1 day"), Parse("FIND D WITH t > date.now - 1 days"));
    }

    [Fact]
    public void Absolute_date_without_time_is_midnight_utc()
    {
        var comparison = Assert.IsType<Comparison>(Parse("FIND Device WITH lastSeenOn > date(2026-01-31)").Start.Filter);
        Assert.Equal(new AbsoluteDate(new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero)), comparison.Value);
    }

    [Fact]
    public void Undefined_is_its_own_value()
    {
        var comparison = Assert.IsType<Comparison>(Parse("FIND Device WITH osVersion = undefined").Start.Filter);
        Assert.Equal(UndefinedLiteral.Instance, comparison.Value);
    }

    [Fact]
    public void Negative_numbers_are_numbers() =>
        Assert.Equal(new NumberLiteral(-3.5), Assert.IsType<Comparison>(Parse("FIND D WITH x = -3.5").Start.Filter).Value);

    [Fact]
    public void Dotted_property_names_stay_whole_in_WITH()
    {
        var comparison = Assert.IsType<Comparison>(Parse("FIND Device WITH tag.Owner = 'ann'").Start.Filter);
        Assert.Equal(new PropertyRef(null, "tag.Owner"), comparison.Property);
    }

    [Fact]
    public void WHERE_splits_alias_from_property_on_both_sides()
    {
        var comparison = Assert.IsType<Comparison>(Parse("FIND Person AS p THAT OWNS Device AS d WHERE p.email = d.tag.Owner").Where);
        Assert.Equal(new PropertyRef("p", "email"), comparison.Property);
        Assert.Equal(new PropertyOperand(new PropertyRef("d", "tag.Owner")), comparison.Value);
    }

    [Fact]
    public void Return_items_are_parsed_in_order_with_labels()
    {
        var items = Assert.IsType<ReturnItems>(Parse("FIND Person AS p THAT OWNS Device AS d RETURN p.name AS \"Owner\", d, d.*, COUNT(d), SUM(d.score) AS total").Return).Items;
        Assert.Equal(
            [new PropertyItem("p", "name", "Owner"), new EntityItem("d"), new AllPropertiesItem("d"),
             new AggregateItem(AggregateFunction.Count, "d", null, null), new AggregateItem(AggregateFunction.Sum, "d", "score", "total")],
            items);
    }

    [Fact]
    public void Order_skip_and_limit_are_kept()
    {
        var query = Parse("FIND Device AS d ORDER BY d.hostname DESC SKIP 10 LIMIT 5");
        Assert.Equal(new OrderBy(new PropertyRef("d", "hostname"), true), query.OrderBy);
        Assert.Equal(10, query.Skip);
        Assert.Equal(5, query.Limit);
    }

    [Fact]
    public void Limit_is_null_when_absent_so_the_executor_applies_the_default() => Assert.Null(Parse("FIND Device").Limit);

    [Fact]
    public void Limit_above_the_default_is_allowed_up_to_the_maximum() =>
        Assert.Equal(10_000, Parse("FIND Device LIMIT 10000").Limit);

    [Fact]
    public void Seed_question_parses_into_three_steps_with_a_tree()
    {
        var query = Parse("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE");
        Assert.Equal(2, query.Traversals.Count);
        Assert.Equal(new Comparison(new PropertyRef(null, "compliant"), ComparisonOperator.Equal, new BooleanLiteral(false)), query.Traversals[1].Target.Filter);
        Assert.Equal(ReturnTree.Instance, query.Return);
    }

    [Fact]
    public void Formatter_writes_canonical_text()
    {
        var query = Parse("find unique Person with a=1 and (b='x' or c!=undefined) as p that owns >> Device as d return p.name as 'N' order by p.name desc limit 3");
        Assert.Equal(
            "FIND UNIQUE Person WITH a = 1 AND (b = 'x' OR c != undefined) AS p THAT OWNS >> Device AS d RETURN p.name AS \"N\" ORDER BY p.name DESC LIMIT 3",
            QueryFormatter.Format(query));
    }
}
