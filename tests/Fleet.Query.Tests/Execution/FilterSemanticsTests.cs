using static Fleet.Query.Tests.Execution.QueryRunner;

namespace Fleet.Query.Tests.Execution;

/// <summary>Each operator and value form, run through the executor on the fixture graph.</summary>
public sealed class FilterSemanticsTests
{
    [Theory]
    [InlineData("platform = 'darwin'", "d-ann-mac,d-dan-mac")]
    [InlineData("platform != 'darwin'", "d-ann-linux,d-bob-win,d-orphan")]
    [InlineData("score > 3", "d-ann-mac,d-bob-win")]
    [InlineData("score < 3", "d-dan-mac")]
    [InlineData("score >= 5", "d-ann-mac,d-bob-win")]
    [InlineData("score <= 3", "d-ann-linux,d-dan-mac")]
    [InlineData("hostname ~= 'mac'", "d-ann-mac,d-dan-mac")]
    [InlineData("hostname ^= 'ann'", "d-ann-mac,d-ann-linux")]
    [InlineData("hostname $= 'win'", "d-bob-win")]
    [InlineData("hostname !~= 'mac'", "d-ann-linux,d-bob-win,d-orphan")]
    [InlineData("hostname !^= 'ann'", "d-bob-win,d-dan-mac,d-orphan")]
    [InlineData("hostname !$= 'mac'", "d-ann-linux,d-bob-win,d-orphan")]
    [InlineData("encrypted = false", "d-ann-linux,d-dan-mac")]
    [InlineData("encrypted = true", "d-ann-mac,d-bob-win")]
    public async Task Each_operator_selects_the_expected_devices(string filter, string expected) =>
        Assert.Equal(expected.Split(','), await ListIdsAsync($"FIND Device WITH {filter}"));

    [Fact]
    public async Task String_values_are_case_sensitive() =>
        Assert.Empty(await ListIdsAsync("FIND Device WITH hostname ~= 'MAC'"));

    [Fact]
    public async Task Property_names_are_case_sensitive() =>
        Assert.Empty(await ListIdsAsync("FIND Device WITH Hostname = 'ann-mac'"));

    [Fact]
    public async Task Equals_undefined_selects_entities_without_the_property() =>
        Assert.Equal(["d-orphan"], await ListIdsAsync("FIND Device WITH platform = undefined"));

    [Fact]
    public async Task Not_equals_undefined_selects_entities_with_the_property() =>
        Assert.Equal(["d-ann-mac", "d-ann-linux", "d-bob-win", "d-dan-mac"], await ListIdsAsync("FIND Device WITH platform != undefined"));

    [Fact]
    public async Task Absent_property_satisfies_not_equals() =>
        Assert.Contains("d-orphan", await ListIdsAsync("FIND Device WITH encrypted != true"));

    [Fact]
    public async Task Absent_property_fails_equals_and_ordering() =>
        Assert.DoesNotContain("d-orphan", await ListIdsAsync("FIND Device WITH score < 100 OR encrypted = false OR platform ~= ''"));

    [Fact]
    public async Task Equals_a_value_list_matches_any_value() =>
        Assert.Equal(["d-ann-mac", "d-bob-win", "d-dan-mac"], await ListIdsAsync("FIND Device WITH platform = ('darwin' OR 'win32')"));

    [Fact]
    public async Task Not_equals_a_value_list_matches_none_of_the_values_De_Morgan() =>
        Assert.Equal(["d-ann-linux", "d-orphan"], await ListIdsAsync("FIND Device WITH platform != ('darwin' OR 'win32')"));

    [Fact]
    public async Task Negated_value_list_equals_the_conjunction_of_negations() =>
        Assert.Equal(
            await ListIdsAsync("FIND Device WITH platform != 'darwin' AND platform != 'win32'"),
            await ListIdsAsync("FIND Device WITH platform != ('darwin' OR 'win32')"));

    [Fact]
    public async Task List_property_equals_when_any_element_does() =>
        Assert.Equal(["ag-ann-linux"], await ListIdsAsync("FIND HostAgent WITH failing = 'firewall'"));

    [Fact]
    public async Task List_property_not_equals_when_no_element_does() =>
        Assert.Equal(["ag-ann-mac", "ag-bob-win", "ag-dan-mac"], await ListIdsAsync("FIND HostAgent WITH failing != 'firewall'"));

    [Fact]
    public async Task Relative_date_compares_with_dates_iso_strings_and_epoch_milliseconds() =>
        // ann-mac holds a date, ann-linux an ISO string (30 days old), bob-win epoch ms, dan-mac a 400-day-old date.
        Assert.Equal(["d-ann-mac", "d-bob-win"], await ListIdsAsync("FIND Device WITH lastSeenOn > date.now - 7 days"));

    [Fact]
    public async Task Relative_date_in_months_reaches_further_than_days() =>
        Assert.Equal(["d-ann-mac", "d-ann-linux", "d-bob-win"], await ListIdsAsync("FIND Device WITH lastSeenOn >= date.now - 2 months"));

    [Fact]
    public async Task Absolute_date_compares_with_date_properties() =>
        Assert.Equal(["d-dan-mac"], await ListIdsAsync("FIND Device WITH lastSeenOn < date(2025-06-01)"));

    [Fact]
    public async Task Absolute_date_with_time_compares_to_the_instant() =>
        Assert.Equal(["d-ann-mac"], await ListIdsAsync("FIND Device WITH lastSeenOn > date(2026-01-31T11:59:59Z)"));

    [Fact]
    public async Task Dotted_property_names_are_looked_up_whole() =>
        Assert.Equal(["d-ann-mac"], await ListIdsAsync("FIND Device WITH tag.Owner = 'ann'"));

    [Fact]
    public async Task Meta_fields_are_filterable() =>
        Assert.Equal(["d-bob-win"], await ListIdsAsync("FIND * WITH _class = 'Device' AND _type = 'fleet_device' AND _key $= 'bob-win' AND displayName = 'bob-win' AND _id = 'd-bob-win'"));

    [Fact]
    public async Task Parentheses_group_OR_inside_AND() =>
        Assert.Equal(["d-ann-linux"], await ListIdsAsync("FIND Device WITH (platform = 'linux' OR platform = 'win32') AND encrypted = false"));

    [Fact]
    public async Task AND_binds_tighter_than_OR() =>
        Assert.Equal(["d-ann-linux", "d-bob-win"], await ListIdsAsync("FIND Device WITH platform = 'linux' OR platform = 'win32' AND encrypted = true"));

    [Fact]
    public async Task Snake_case_target_matches_type() =>
        Assert.Equal(["u-ann", "u-bob", "u-dan"], await ListIdsAsync("FIND okta_user"));

    [Fact]
    public async Task Target_alternatives_match_class_or_type() =>
        Assert.Equal(["ag-ann-mac", "ag-ann-linux", "ag-bob-win", "ag-dan-mac", "app-aws", "app-gh"], await ListIdsAsync("FIND (fleet_agent|Application)"));

    [Fact]
    public async Task Star_target_matches_every_entity() =>
        Assert.Equal(FleetGraph.Entities.Count, (await ListIdsAsync("FIND * LIMIT 1000")).Length);
}
