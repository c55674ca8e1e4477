using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using static Fleet.Query.Tests.Execution.QueryRunner;

namespace Fleet.Query.Tests.Execution;

/// <summary>THAT, direction, negation, multi-hop, aliases and WHERE on the fixture graph.</summary>
public sealed class TraversalTests
{
    [Fact]
    public async Task Without_RETURN_the_starting_entities_come_back_once_each() =>
        Assert.Equal(["p-ann", "p-bob", "p-dan"], await ListIdsAsync("FIND Person THAT OWNS Device"));

    [Fact]
    public async Task THAT_follows_edges_in_either_direction() =>
        // The edge is HostAgent MONITORS Device, written here from the device's side.
        Assert.Equal(["d-ann-mac", "d-ann-linux", "d-bob-win", "d-dan-mac"], await ListIdsAsync("FIND Device THAT MONITORS HostAgent"));

    [Fact]
    public async Task Outgoing_marker_follows_only_edges_from_the_left_entity()
    {
        Assert.Equal(["ag-ann-mac", "ag-ann-linux", "ag-bob-win", "ag-dan-mac"], await ListIdsAsync("FIND HostAgent THAT MONITORS >> Device"));
        Assert.Empty(await ListIdsAsync("FIND Device THAT MONITORS >> HostAgent"));
    }

    [Fact]
    public async Task Incoming_marker_follows_only_edges_into_the_left_entity()
    {
        Assert.Equal(["d-ann-mac", "d-ann-linux", "d-bob-win", "d-dan-mac"], await ListIdsAsync("FIND Device THAT MONITORS << HostAgent"));
        Assert.Empty(await ListIdsAsync("FIND HostAgent THAT MONITORS << Device"));
    }

    [Fact]
    public async Task Negated_traversal_keeps_entities_without_such_an_edge() =>
        Assert.Equal(["p-cat"], await ListIdsAsync("FIND Person !THAT OWNS Device"));

    [Fact]
    public async Task Negated_traversal_finds_unmonitored_devices() =>
        Assert.Equal(["d-orphan"], await ListIdsAsync("FIND Device !THAT MONITORS HostAgent"));

    [Fact]
    public async Task Negated_traversal_only_counts_neighbours_matching_its_filter() =>
        Assert.Equal(["p-bob", "p-cat"], await ListIdsAsync("FIND Person !THAT OWNS Device WITH encrypted = false"));

    [Fact]
    public async Task Negated_traversal_respects_direction() =>
        // Persons are never the target of OWNS, so "no incoming OWNS" holds for all of them.
        Assert.Equal(["p-ann", "p-bob", "p-cat", "p-dan"], await ListIdsAsync("FIND Person !THAT OWNS << Device"));

    [Fact]
    public async Task Chain_continues_from_the_left_entities_after_a_negation() =>
        Assert.Equal(["p-bob"], await ListIdsAsync("FIND Person !THAT OWNS Device WITH encrypted = false THAT IS User"));

    [Fact]
    public async Task Multi_hop_filters_on_the_far_step() =>
        Assert.Equal(["p-ann", "p-dan"], await ListIdsAsync("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH status = 'FAIL'"));

    [Fact]
    public async Task RELATES_TO_follows_any_verb() =>
        Assert.Equal(["p-ann", "p-bob", "p-dan"], await ListIdsAsync("FIND Person THAT RELATES TO (User|Device)"));

    [Fact]
    public async Task Verb_alternatives_follow_either_verb() =>
        Assert.Equal(["acme", "p-ann", "p-dan"], await ListIdsAsync("FIND * THAT (HAS|OWNS) >> Device WITH platform = 'darwin'"));

    [Fact]
    public async Task WHERE_compares_properties_across_aliases() =>
        Assert.Equal(["p-ann", "p-dan"], await ListIdsAsync("FIND Person AS p THAT IS User AS u WHERE p.email = u.email"));

    [Fact]
    public async Task WHERE_not_equals_across_aliases() =>
        Assert.Equal(["p-bob"], await ListIdsAsync("FIND Person AS p THAT IS User AS u WHERE p.email != u.email"));

    [Fact]
    public async Task WHERE_filters_paths_not_just_entities() =>
        // Ann has two devices; only her linux path survives, and she is still returned.
        Assert.Equal(["p-ann"], await ListIdsAsync("FIND Person AS p THAT OWNS Device AS d WHERE d.platform = 'linux'"));

    [Fact]
    public async Task WHERE_with_literals_and_OR() =>
        Assert.Equal(["p-bob", "p-dan"], await ListIdsAsync("FIND Person AS p THAT OWNS Device AS d WHERE d.platform = 'win32' OR p.name = 'Dan'"));

    [Fact]
    public async Task Seed_question_one_returns_people_with_a_non_compliant_device_as_a_tree()
    {
        var tree = await TreeAsync("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE");

        Assert.Equal(
            new[] { "p-ann", "d-ann-linux", "ag-ann-linux", "p-bob", "d-bob-win", "ag-bob-win", "p-dan", "d-dan-mac", "ag-dan-mac" }.Order(),
            tree.Vertices.Select(v => v.Id).Order());
        Assert.Equal(
            new[]
            {
                FleetGraph.EdgeId("p-ann", "OWNS", "d-ann-linux"), FleetGraph.EdgeId("ag-ann-linux", "MONITORS", "d-ann-linux"),
                FleetGraph.EdgeId("p-bob", "OWNS", "d-bob-win"), FleetGraph.EdgeId("ag-bob-win", "MONITORS", "d-bob-win"),
                FleetGraph.EdgeId("p-dan", "OWNS", "d-dan-mac"), FleetGraph.EdgeId("ag-dan-mac", "MONITORS", "d-dan-mac"),
            }.Order(),
            tree.Edges.Select(e => e.Id).Order());
    }

    [Fact]
    public async Task Seed_question_two_returns_non_compliant_agents_of_people_with_aws_as_a_tree()
    {
        var tree = await TreeAsync("FIND HostAgent WITH compliant=false THAT MONITORS Device THAT OWNS Person THAT IS User THAT ASSIGNED Application WITH shortName='aws' RETURN TREE");

        Assert.Equal(
            new[] { "ag-ann-linux", "d-ann-linux", "p-ann", "u-ann", "app-aws", "ag-bob-win", "d-bob-win", "p-bob", "u-bob" }.Order(),
            tree.Vertices.Select(v => v.Id).Order());
        Assert.Equal(
            new[]
            {
                FleetGraph.EdgeId("ag-ann-linux", "MONITORS", "d-ann-linux"), FleetGraph.EdgeId("p-ann", "OWNS", "d-ann-linux"),
                FleetGraph.EdgeId("p-ann", "IS", "u-ann"), FleetGraph.EdgeId("u-ann", "ASSIGNED", "app-aws"),
                FleetGraph.EdgeId("ag-bob-win", "MONITORS", "d-bob-win"), FleetGraph.EdgeId("p-bob", "OWNS", "d-bob-win"),
                FleetGraph.EdgeId("p-bob", "IS", "u-bob"), FleetGraph.EdgeId("u-bob", "ASSIGNED", "app-aws"),
            }.Order(),
            tree.Edges.Select(e => e.Id).Order());
    }

    [Fact]
    public async Task Seed_question_two_without_tree_lists_the_starting_agents() =>
        Assert.Equal(["ag-ann-linux", "ag-bob-win"], await ListIdsAsync(
            "FIND HostAgent WITH compliant=false THAT MONITORS Device THAT OWNS Person THAT IS User THAT ASSIGNED Application WITH shortName='aws'"));

    [Fact]
    public async Task Tree_edges_join_vertices_of_the_tree()
    {
        var tree = await TreeAsync("FIND Person THAT OWNS Device RETURN TREE");
        var ids = tree.Vertices.Select(v => v.Id).ToHashSet();
        Assert.All(tree.Edges, e => Assert.True(ids.Contains(e.FromId) && ids.Contains(e.ToId)));
    }

    [Fact]
    public async Task Tree_LIMIT_applies_to_the_starting_entities()
    {
        var tree = await TreeAsync("FIND Person AS p THAT OWNS Device RETURN TREE ORDER BY p.name LIMIT 1");
        Assert.Equal(["p-ann", "d-ann-mac", "d-ann-linux"], tree.Vertices.Select(v => v.Id));
        Assert.Equal(2, tree.Edges.Count);
    }

    [Fact]
    public async Task Relationship_properties_and_class_come_back_in_the_tree()
    {
        var tree = await TreeAsync("FIND Person WITH name = 'Bob' THAT OWNS Device RETURN TREE");
        Assert.Equal(new Relationship(FleetGraph.EdgeId("p-bob", "OWNS", "d-bob-win"), "OWNS", "p-bob", "d-bob-win", FleetGraph.Relationships[11].Properties), tree.Edges.Single());
    }
}

/// <summary>
/// A hop onto a step without filter asks for the next hop's edges of every far end at once (read ahead); the far ends
/// that the step then drops (wrong class, missing) must not bring their edges into the answer.
/// </summary>
public sealed class ReadAheadTests
{
    private static readonly Dictionary<string, PropertyValue> None = [];

    private static InMemoryGraphSource Graph() => new(
        [
            new Entity("a1", "k-a1", "HostAgent", "fleet_agent", "a1", new Dictionary<string, PropertyValue> { ["compliant"] = false }),
            new Entity("d1", "k-d1", "Device", "fleet_device", "d1", None),
            new Entity("w1", "k-w1", "Widget", "widget", "w1", None),
            new Entity("p1", "k-p1", "Person", "fleet_person", "p1", None),
            new Entity("p2", "k-p2", "Person", "fleet_person", "p2", None),
        ],
        [
            new Relationship("m1", "MONITORS", "a1", "d1", None),
            new Relationship("m2", "MONITORS", "a1", "w1", None),
            new Relationship("m3", "MONITORS", "a1", "gone", None),
            new Relationship("o1", "OWNS", "p1", "d1", None),
            new Relationship("o2", "OWNS", "p2", "w1", None),
            new Relationship("o3", "OWNS", "p2", "gone", None),
        ]);

    [Fact]
    public async Task Edges_read_ahead_for_far_ends_the_step_drops_do_not_reach_the_answer()
    {
        var tree = Assert.IsType<TreeResult>(await QueryRunner.RunAsync(
            "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE", Graph()));

        Assert.Equal(["p1", "d1", "a1"], tree.Vertices.Select(v => v.Id));
        Assert.Equal(["o1", "m1"], tree.Edges.Select(e => e.Id));
    }
}
