using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;

namespace Fleet.Query.Tests.Execution;

/// <summary>
/// What an incremental standing query over a chain asks after a change: which starts the changed entities can move
/// (<see cref="QueryExecutor.StartsReachingAsync"/>), and which of those have a complete path now
/// (<see cref="QueryExecutor.MatchStartsAsync"/>).
/// </summary>
public sealed class StartRecheckTests
{
    private const string NonCompliantOwners = "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false";

    private static Fleet.Query.Syntax.Query Parse(string text) => J1qlParser.Parse(text, QueryLimits.Default).Query!;

    private static Entity Get(string id) => FleetGraph.Entities.Single(e => e.Id == id);

    // Proves the walk back finds the owner of a changed agent's device whatever the filters say (ann-mac's agent is
    // compliant, so no path passes it now, but one may have before), and only that owner.
    [Fact]
    public async Task A_changed_agent_reaches_the_owner_of_its_device_whatever_the_filters()
    {
        var starts = await QueryExecutor.StartsReachingAsync(Parse(NonCompliantOwners), FleetGraph.Source(), [Get("ag-ann-mac")], QueryLimits.Default, CancellationToken.None);

        Assert.Equal(["p-ann"], starts!.Order());
    }

    // Proves a changed entity at an inner step reaches its starts too, and one that fits the FIND step is a start itself.
    [Fact]
    public async Task Changed_entities_at_any_step_reach_their_starts()
    {
        var changed = new[] { Get("d-bob-win"), Get("p-cat"), Get("ag-dan-mac") };

        var starts = await QueryExecutor.StartsReachingAsync(Parse(NonCompliantOwners), FleetGraph.Source(), changed, QueryLimits.Default, CancellationToken.None);

        Assert.Equal(["p-bob", "p-cat", "p-dan"], starts!.Order());
    }

    // Proves the walk back follows each link's direction: from the agent back to the device it monitors, then to its owner.
    [Fact]
    public async Task The_walk_back_follows_the_links_directions()
    {
        var starts = await QueryExecutor.StartsReachingAsync(
            Parse("FIND HostAgent THAT MONITORS >> Device THAT OWNS << Person WITH name='Ann'"), FleetGraph.Source(), [Get("p-ann")], QueryLimits.Default, CancellationToken.None);

        Assert.Equal(["ag-ann-linux", "ag-ann-mac"], starts!.Order());
    }

    // Proves a query with !THAT is refused: an entity off its chain (the negated one) can change its answer.
    [Fact]
    public async Task A_query_with_a_negation_is_refused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => QueryExecutor.StartsReachingAsync(
            Parse("FIND Person !THAT OWNS Device"), FleetGraph.Source(), [Get("d-orphan")], QueryLimits.Default, CancellationToken.None));

    // Proves the starts with a complete path are exactly those a full run lists, each with the agents its paths end at
    // (the step a full run anchors at, being the most selective).
    [Fact]
    public async Task Matched_starts_are_those_a_full_run_lists_with_their_anchors()
    {
        var query = Parse(NonCompliantOwners);
        Assert.Equal(2, QueryPlanner.Plan(query).AnchorStep);

        var matches = await QueryExecutor.MatchStartsAsync(query, FleetGraph.Source(), ["p-ann", "p-bob", "p-cat", "p-dan", "nobody"], FleetGraph.Now, QueryLimits.Default, CancellationToken.None);

        Assert.Equal(await QueryRunner.ListIdsAsync(NonCompliantOwners), matches!.Select(m => m.Start.Id).Order());
        Assert.Equal(["ag-ann-linux"], matches!.Single(m => m.Start.Id == "p-ann").Anchors.Select(a => a.Id));
    }

    // Proves the FIND step's own filter applies to the starts looked up by id.
    [Fact]
    public async Task A_start_that_no_longer_fits_the_find_step_has_no_match()
    {
        var matches = await QueryExecutor.MatchStartsAsync(Parse("FIND Person WITH name='Bob' THAT OWNS Device"), FleetGraph.Source(), ["p-ann", "p-bob"], FleetGraph.Now, QueryLimits.Default, CancellationToken.None);

        Assert.Equal(["p-bob"], matches!.Select(m => m.Start.Id));
    }
}
