using Fleet.Contracts.Push;
using Fleet.Grains.Push;
using Fleet.Grains.StandingQueries;
using Fleet.Query;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;

namespace Fleet.Grains.Tests.StandingQueries;

public sealed class ResultSnapshotTests
{
    private static Entity Agent(string id, bool compliant) =>
        new(id, "agent:" + id, "HostAgent", "fleet_agent", id, new Dictionary<string, PropertyValue> { ["compliant"] = compliant });

    private static ResultSnapshot List(params Entity[] entities) => ResultSnapshot.Of(new ListResult(entities.ToEquatableArray()))!;

    // Proves the diff names what entered (with its JSON) and what left (ids), nothing else.
    [Fact]
    public void A_diff_names_entered_items_and_left_ids()
    {
        var before = List(Agent("a", false), Agent("b", false));
        var after = List(Agent("b", false), Agent("c", false));

        var diff = before.DiffTo(after);

        Assert.Contains("\"c\"", Assert.Single(diff.Added));
        Assert.Equal(["a"], diff.Removed);
    }

    // Proves equal results diff to nothing (nothing is pushed).
    [Fact]
    public void Equal_results_diff_to_nothing() =>
        Assert.True(List(Agent("a", false)).DiffTo(List(Agent("a", false))).IsEmpty);

    // Proves the first result diffs from empty as all added.
    [Fact]
    public void From_empty_everything_is_added() =>
        Assert.Equal(2, ResultSnapshot.Empty.DiffTo(List(Agent("a", false), Agent("b", true))).Added.Count);

    // Proves a snapshot kept as ids only diffs the same way (alert rules store ids).
    [Fact]
    public void An_ids_only_snapshot_diffs_by_id()
    {
        var diff = ResultSnapshot.OfIds(["a", "b"]).DiffTo(List(Agent("b", false), Agent("c", false)));

        Assert.Equal((1, 1, "a"), (diff.Added.Count, diff.Removed.Count, diff.Removed[0]));
    }

    // Proves a tree counts only the vertices of its starting class, and a failure yields no snapshot.
    [Fact]
    public void A_tree_counts_its_starting_entities_and_a_failure_has_no_snapshot()
    {
        var person = new Entity("p", "person:p", "Person", "fleet_person", "p", new Dictionary<string, PropertyValue>());
        var tree = new TreeResult(new[] { person, Agent("a", false) }.ToEquatableArray(), EquatableArray<Relationship>.Empty);

        var snapshot = ResultSnapshot.Of(tree, TargetSelector.Of("Person"))!;

        Assert.Equal((1, 2), (snapshot.Count, snapshot.Items.Count));
        Assert.Null(ResultSnapshot.Of(new QueryFailure(QueryFailureKind.Timeout, "slow")));
    }
}

public sealed class QueryFootprintTests
{
    private static QueryFootprint Of(string query) => QueryFootprint.Of(J1qlParser.Parse(query, QueryLimits.Default).Query!);

    private static readonly FleetEvent Compliance = new DeviceChangedEvent("acc_1", "dev_1", "PASS", "FAIL", false, ["firewall"], DateTimeOffset.UnixEpoch);
    private static readonly FleetEvent Connectivity = new AgentConnectivityChangedEvent("acc_1", "dev_1", false, DateTimeOffset.UnixEpoch);
    private static readonly FleetEvent NewDevice = new DeviceChangedEvent("acc_1", "dev_1", null, "PASS", true, [], DateTimeOffset.UnixEpoch);

    // Proves which changes re-run which queries (class and filtered properties decide).
    [Theory]
    [InlineData("FIND HostAgent WITH compliant=false", "compliance", true)]
    [InlineData("FIND HostAgent WITH compliant=false", "connectivity", false)]
    [InlineData("FIND HostAgent WITH online=false", "connectivity", true)]
    [InlineData("FIND fleet_agent WITH online=false", "connectivity", true)]
    [InlineData("FIND Person THAT OWNS Device", "compliance", false)]
    [InlineData("FIND Person THAT OWNS Device", "new device", true)]
    [InlineData("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE", "compliance", true)]
    [InlineData("FIND User WITH active=true", "compliance", false)]
    [InlineData("FIND * WITH status='FAIL'", "compliance", true)]
    [InlineData("FIND HostAgent AS a WHERE a.online = true", "connectivity", true)]
    [InlineData("FIND HostAgent AS a RETURN a.*", "connectivity", true)]
    public void Only_changes_that_can_affect_a_query_re_run_it(string query, string change, bool affected)
    {
        var e = change switch { "compliance" => Compliance, "connectivity" => Connectivity, _ => NewDevice };

        Assert.Equal(affected, Of(query).IsAffectedBy(e));
    }
}
