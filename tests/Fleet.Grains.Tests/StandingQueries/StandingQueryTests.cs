using System.Text.Json;
using Fleet.Contracts.Graph;
using Fleet.Contracts.Push;
using Fleet.Grains.Graph;
using Fleet.Grains.Push;
using Fleet.Grains.StandingQueries;
using Fleet.Grains.Tests.Push;

namespace Fleet.Grains.Tests.StandingQueries;

[Collection(PushClusterCollection.Name)]
public sealed class StandingQueryTests(PushClusterFixture fixture)
{
    private const string NonCompliant = "FIND HostAgent WITH compliant=false";

    // Proves the subscribe answer is the current result in the shape of docs/query-language.md.
    [Fact]
    public async Task Subscribing_answers_the_current_result()
    {
        var account = PushClusterFixture.NewAccount();
        await fixture.ProjectDeviceAsync(account, "dev_failing", compliant: false);
        await fixture.ProjectDeviceAsync(account, "dev_fine", compliant: true);

        var answer = await Subscribe(account, NonCompliant, "conn_1");

        Assert.True(answer.Succeeded);
        using var result = JsonDocument.Parse(answer.ResultJson!);
        Assert.Equal("list", result.RootElement.GetProperty("type").GetString());
        var names = result.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("entity").GetProperty("displayName").GetString());
        Assert.Equal(["dev_failing"], names);
    }

    // Proves a device that fails enters the result (exactly that entity) and leaves it once fixed.
    [Fact]
    public async Task A_flipped_device_is_pushed_as_added_then_removed()
    {
        var account = PushClusterFixture.NewAccount();
        await fixture.ProjectDeviceAsync(account, "dev_1", compliant: true);
        await fixture.ProjectDeviceAsync(account, "dev_2", compliant: true);
        var observer = await fixture.ObserveAsync(account);
        var answer = await Subscribe(account, NonCompliant, "conn_1");

        await fixture.FlipAsync(account, "dev_1", compliant: false);
        var added = await observer.NextAsync<QueryResultChangedEvent>();

        Assert.Equal((answer.SubscriptionId, "conn_1"), (added.SubscriptionId, added.ConnectionId));
        Assert.Empty(added.Removed);
        var entity = JsonDocument.Parse(Assert.Single(added.Added)).RootElement;
        Assert.Equal("dev_1", entity.GetProperty("entity").GetProperty("displayName").GetString());
        var id = entity.GetProperty("id").GetString()!;

        await fixture.FlipAsync(account, "dev_1", compliant: true);
        var removed = await observer.NextAsync<QueryResultChangedEvent>();

        Assert.Empty(removed.Added);
        Assert.Equal([id], removed.Removed);
    }

    // Proves a change that cannot affect a query (another class) does not re-run it: the next push is the relevant one.
    [Fact]
    public async Task Changes_that_do_not_touch_the_result_push_nothing()
    {
        var account = PushClusterFixture.NewAccount();
        await fixture.ProjectDeviceAsync(account, "dev_1", compliant: true);
        await fixture.ProjectDeviceAsync(account, "dev_2", compliant: true);
        var observer = await fixture.ObserveAsync(account);
        await Subscribe(account, NonCompliant, "conn_1");

        // Relevant class, no change of membership: evaluated, nothing pushed.
        await fixture.Feed(account).Publish(new AgentConnectivityChangedEvent(account, "dev_2", false, DateTimeOffset.UtcNow));
        await fixture.FlipAsync(account, "dev_2", compliant: true);
        await fixture.FlipAsync(account, "dev_1", compliant: false);

        var change = await NextQueryChangeAsync(observer);
        Assert.Contains("dev_1", Assert.Single(change.Added));
    }

    // Proves two dashboards watching the same question (one run serves both) each get their own push.
    [Fact]
    public async Task Subscriptions_of_the_same_query_each_receive_the_change()
    {
        var account = PushClusterFixture.NewAccount();
        await fixture.ProjectDeviceAsync(account, "dev_1", compliant: true);
        var observer = await fixture.ObserveAsync(account);
        var first = await Subscribe(account, NonCompliant, "conn_1");
        var second = await Subscribe(account, NonCompliant, "conn_2");

        await fixture.FlipAsync(account, "dev_1", compliant: false);

        var pushed = new[] { await NextQueryChangeAsync(observer), await NextQueryChangeAsync(observer) };
        Assert.Equal(new[] { first.SubscriptionId, second.SubscriptionId }.Order(), pushed.Select(p => p.SubscriptionId).Order());
        Assert.All(pushed, p => Assert.Single(p.Added));
    }

    // Proves a syntax error comes back with line and column, and nothing is subscribed.
    [Fact]
    public async Task A_query_that_does_not_parse_is_refused_with_its_position()
    {
        var answer = await Subscribe(PushClusterFixture.NewAccount(), "FIND HostAgent WITH", "conn_1");

        Assert.False(answer.Succeeded);
        Assert.Equal(1, answer.Line);
        Assert.True(answer.Column > 1);
    }

    // Proves a subscription dies with its connection: later changes push nothing for it.
    [Fact]
    public async Task Subscriptions_of_a_closed_connection_stop_pushing()
    {
        var account = PushClusterFixture.NewAccount();
        await fixture.ProjectDeviceAsync(account, "dev_1", compliant: true);
        var observer = await fixture.ObserveAsync(account);
        var closed = await Subscribe(account, NonCompliant, "conn_closed");
        var open = await Subscribe(account, "FIND HostAgent WITH compliant=false AND online=true", "conn_open");
        await fixture.Client.GetGrain<IStandingQueriesGrain>(account).UnsubscribeConnection("conn_closed");

        await fixture.FlipAsync(account, "dev_1", compliant: false);

        var change = await NextQueryChangeAsync(observer);
        Assert.Equal(open.SubscriptionId, change.SubscriptionId);
        Assert.NotEqual(closed.SubscriptionId, change.SubscriptionId);
    }

    // Proves that over a random sequence of device changes the pushed added/removed stream, applied to the subscribe answer,
    // ends exactly at what a full run of the query answers (the one-step query is evaluated incrementally).
    [Theory]
    [InlineData("FIND HostAgent WITH compliant=false", 11)]
    [InlineData("FIND HostAgent WITH compliant=false AND online=true", 12)]
    [InlineData("FIND (HostAgent|Device) WITH compliant=false OR hostname='dev_sentinel'", 13)]
    public async Task Pushed_changes_of_a_random_sequence_add_up_to_a_full_rerun(string query, int seed)
    {
        var account = PushClusterFixture.NewAccount();
        var random = new Random(seed);
        for (var d = 0; d < 10; d++)
            await fixture.ProjectDeviceAsync(account, $"dev_{d}", compliant: random.Next(2) == 0);
        var observer = await fixture.ObserveAsync(account);
        var answer = await Subscribe(account, query, "conn_random");
        var shown = ResultIds(answer).ToHashSet(StringComparer.Ordinal);

        for (var i = 0; i < 60; i++)
        {
            var device = $"dev_{random.Next(12)}";
            if (random.Next(4) == 0)
                await fixture.Feed(account).Publish(new AgentConnectivityChangedEvent(account, device, random.Next(2) == 0, DateTimeOffset.UtcNow));
            else
                await fixture.FlipAsync(account, device, compliant: random.Next(2) == 0);
        }
        // The last change enters the result: once it is pushed, every change before it has been evaluated.
        await fixture.FlipAsync(account, "dev_sentinel", compliant: false);
        while (true)
        {
            var change = await observer.NextAsync<QueryResultChangedEvent>(c => c.SubscriptionId == answer.SubscriptionId);
            shown.ExceptWith(change.Removed);
            var added = change.Added.Select(a => JsonDocument.Parse(a).RootElement).ToList();
            shown.UnionWith(added.Select(a => a.GetProperty("id").GetString()!));
            if (added.Any(a => a.GetProperty("entity").GetProperty("displayName").GetString() == "dev_sentinel"))
                break;
        }

        var full = await Subscribe(account, query, "conn_full");
        Assert.Equal(ResultIds(full).Order(), shown.Order());
    }

    // Proves a truncated standing query (more matches than its LIMIT: the graph's order picks which are shown) ends, after
    // a random sequence of changes, exactly at what a full run answers.
    [Fact]
    public async Task A_truncated_result_ends_equal_to_a_full_rerun()
    {
        const string query = "FIND HostAgent WITH compliant=false LIMIT 5";
        var account = PushClusterFixture.NewAccount();
        var random = new Random(21);
        for (var d = 0; d < 40; d++)
            await fixture.ProjectDeviceAsync(account, $"dev_{d}", compliant: random.Next(2) == 0);
        var observer = await fixture.ObserveAsync(account);
        var answer = await Subscribe(account, query, "conn_truncated");

        for (var i = 0; i < 60; i++)
            await fixture.FlipAsync(account, $"dev_{random.Next(40)}", compliant: random.Next(2) == 0);

        await PushesCatchUpWithAFullRunAsync(account, query, observer, answer);
    }

    // Proves the graph lists a one-step query's matches block by block, as the incremental rule for truncated results assumes.
    [Fact]
    public async Task The_graph_lists_matches_in_block_order()
    {
        var account = PushClusterFixture.NewAccount();
        for (var d = 0; d < 60; d++)
            await fixture.ProjectDeviceAsync(account, $"dev_{d}", compliant: d % 2 == 0);
        var runner = new GraphQueryRunner(fixture.Client, Fleet.Query.QueryLimits.Default, TimeProvider.System);

        var result = (Fleet.Query.Execution.ListResult)await runner.RunAsync(account,
            Fleet.Query.Syntax.J1qlParser.Parse("FIND (HostAgent|Device) WITH compliant=false OR hostname='dev_3' LIMIT 40", Fleet.Query.QueryLimits.Default).Query!,
            CancellationToken.None);
        var blockOf = (await runner.BlockOrderAsync(account, CancellationToken.None))!;

        var blocks = result.Entities.Select(blockOf).ToList();
        Assert.Equal(31, blocks.Count);
        Assert.Equal(blocks.Order(), blocks);
    }

    // Proves a run over the blocks up to a truncated result's last one answers what a full run answers, and declines
    // (null) when those blocks no longer hold LIMIT matches.
    [Theory]
    [InlineData("FIND HostAgent WITH compliant=false LIMIT 7")]
    [InlineData("FIND (Device|HostAgent) WITH compliant=false OR hostname ^= 'dev_1' LIMIT 12")]
    [InlineData("FIND fleet_agent WITH online=true RETURN TREE LIMIT 9")]
    public async Task A_prefix_run_answers_what_a_full_run_answers(string text)
    {
        var account = PushClusterFixture.NewAccount();
        for (var d = 0; d < 60; d++)
            await fixture.ProjectDeviceAsync(account, $"dev_{d}", compliant: d % 3 == 0);
        var runner = new GraphQueryRunner(fixture.Client, Fleet.Query.QueryLimits.Default, TimeProvider.System);
        var query = Fleet.Query.Syntax.J1qlParser.Parse(text, Fleet.Query.QueryLimits.Default).Query!;
        var full = await runner.RunAsync(account, query, CancellationToken.None);
        var blockOf = (await runner.BlockOrderAsync(account, CancellationToken.None))!;
        var state = IncrementalQuery.For(query, Fleet.Query.QueryLimits.Default)!.StateOf(full, blockOf)!;
        Assert.False(state.Complete);

        var prefix = await runner.RunPrefixAsync(account, query, state.LastBlock!.Value, CancellationToken.None);

        Assert.Equal(Fleet.Query.Execution.QueryResultJson.ToJson(full), Fleet.Query.Execution.QueryResultJson.ToJson(prefix!));
        Assert.Null(await runner.RunPrefixAsync(account, query, state.LastBlock.Value - 1, CancellationToken.None));
    }

    // Proves an incremental query reads only the entities the changes name: a graph change that no event announced is not
    // seen until that device changes (a full re-run would have picked it up by chance).
    [Fact]
    public async Task An_incremental_query_reads_only_the_entities_a_change_names()
    {
        var account = PushClusterFixture.NewAccount();
        await fixture.ProjectDeviceAsync(account, "dev_quiet", compliant: true);
        await fixture.ProjectDeviceAsync(account, "dev_loud", compliant: true);
        var observer = await fixture.ObserveAsync(account);
        var answer = await Subscribe(account, NonCompliant, "conn_1");

        await fixture.ProjectDeviceAsync(account, "dev_quiet", compliant: false);
        await fixture.FlipAsync(account, "dev_loud", compliant: false);
        var change = await observer.NextAsync<QueryResultChangedEvent>(c => c.SubscriptionId == answer.SubscriptionId);

        Assert.Contains("dev_loud", Assert.Single(change.Added));
    }

    // Proves a chain standing query, evaluated by re-checking the owners its changed devices reach, pushes a stream that
    // ends exactly at what a full run answers, complete or truncated, with new devices (and their edges) on the way.
    [Theory]
    [InlineData("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false", 31)]
    [InlineData("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false LIMIT 3", 32)]
    public async Task A_chains_pushed_changes_end_equal_to_a_full_rerun(string query, int seed)
    {
        var account = PushClusterFixture.NewAccount();
        var random = new Random(seed);
        for (var d = 0; d < 12; d++)
            await fixture.ProjectDeviceAsync(account, $"dev_{d}", compliant: random.Next(2) == 0, ownerEmail: $"owner{d % 6}@acme.test");
        var observer = await fixture.ObserveAsync(account);
        var answer = await Subscribe(account, query, "conn_chain");

        // Devices 12 and 13 are new when first changed: their owners are reached over edges the change itself wrote.
        for (var i = 0; i < 60; i++)
        {
            var d = random.Next(14);
            await fixture.FlipAsync(account, $"dev_{d}", compliant: random.Next(2) == 0, ownerEmail: $"owner{d % 6}@acme.test");
        }

        await PushesCatchUpWithAFullRunAsync(account, query, observer, answer);
    }

    // Proves a chain's re-check past its budget answers nothing (the grain then runs the chain in full): a start with a
    // large fan-out costs one full run, not a walk over all its paths on every tick.
    [Fact]
    public async Task A_chain_recheck_past_its_budget_answers_nothing()
    {
        var account = PushClusterFixture.NewAccount();
        for (var d = 0; d < 6; d++)
            await fixture.ProjectDeviceAsync(account, $"dev_{d}", compliant: false, ownerEmail: "hub@acme.test");
        var runner = new GraphQueryRunner(fixture.Client, Fleet.Query.QueryLimits.Default, TimeProvider.System);
        var skeleton = IncrementalQuery.For(Fleet.Query.Syntax.J1qlParser.Parse(
            "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false", Fleet.Query.QueryLimits.Default).Query!, Fleet.Query.QueryLimits.Default)!.Skeleton!;
        var changed = await runner.GetByKeysAsync(account, ["agent:dev_0"], CancellationToken.None);

        var within = await runner.RecheckPathsAsync(account, skeleton, changed, maxPaths: 100, CancellationToken.None);
        var past = await runner.RecheckPathsAsync(account, skeleton, changed, maxPaths: 5, CancellationToken.None);

        Assert.Equal(6, within!.Paths.Count);
        Assert.Null(past);
    }

    // Proves a multi-hop query pushes the owner whose device entered it.
    [Fact]
    public async Task A_multi_hop_query_is_pushed()
    {
        var account = PushClusterFixture.NewAccount();
        await fixture.ProjectDeviceAsync(account, "dev_1", compliant: true, ownerEmail: "ann@acme.test");
        await fixture.ProjectDeviceAsync(account, "dev_2", compliant: true, ownerEmail: "bob@acme.test");
        var observer = await fixture.ObserveAsync(account);
        var answer = await Subscribe(account, "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false", "conn_1");

        await fixture.FlipAsync(account, "dev_2", compliant: false, ownerEmail: "bob@acme.test");
        var change = await observer.NextAsync<QueryResultChangedEvent>(c => c.SubscriptionId == answer.SubscriptionId);

        Assert.Contains("bob@acme.test", Assert.Single(change.Added));
    }

    // Proves ad-hoc and standing queries run on one runtime: the same text answers the same JSON through the query grain
    // (POST /query) and a subscription (docs/architecture.md, "Flow 2: a query").
    [Theory]
    [InlineData(NonCompliant)]
    [InlineData("FIND (Device|HostAgent) WITH hostname ^= 'dev_1' OR compliant = false RETURN TREE LIMIT 9")]
    [InlineData("FIND Device AS d THAT MONITORS HostAgent WITH compliant=false AS a RETURN d.hostname, a.status")]
    [InlineData("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE")]
    public async Task An_ad_hoc_query_and_a_standing_query_answer_the_same(string text)
    {
        var account = PushClusterFixture.NewAccount();
        for (var d = 0; d < 24; d++)
            await fixture.ProjectDeviceAsync(account, $"dev_{d}", compliant: d % 3 != 0, ownerEmail: $"owner{d % 5}@acme.test");

        var adHoc = await fixture.Client.GetGrain<IQueryGrain>(0).Run(account, text);
        var standing = await Subscribe(account, text, "conn_same");

        Assert.True(standing.Succeeded, standing.Error);
        Assert.Equal(Assert.IsType<QueryAnswer.Succeeded>(adHoc).Json, standing.ResultJson);
    }

    /// <summary>
    /// Applies the pushed added/removed stream to the subscribe answer until it equals a fresh full run. Until the pushes
    /// caught up with the changes they may differ; a wrong stream never catches up (the wait times out).
    /// </summary>
    private async Task PushesCatchUpWithAFullRunAsync(string account, string query, RecordingObserver observer, StandingQueryAnswer answer)
    {
        var shown = ResultIds(answer).ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var full = await Subscribe(account, query, "conn_check");
            await fixture.Client.GetGrain<IStandingQueriesGrain>(account).UnsubscribeConnection("conn_check");
            if (ResultIds(full).ToHashSet(StringComparer.Ordinal).SetEquals(shown))
                return;
            var change = await observer.NextAsync<QueryResultChangedEvent>(c => c.SubscriptionId == answer.SubscriptionId);
            shown.ExceptWith(change.Removed);
            shown.UnionWith(change.Added.Select(a => JsonDocument.Parse(a).RootElement.GetProperty("id").GetString()!));
        }
    }

    private static IEnumerable<string> ResultIds(StandingQueryAnswer answer)
    {
        Assert.True(answer.Succeeded, answer.Error);
        using var result = JsonDocument.Parse(answer.ResultJson!);
        return [.. result.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
    }

    private static async Task<QueryResultChangedEvent> NextQueryChangeAsync(RecordingObserver observer) => await observer.NextAsync<QueryResultChangedEvent>();

    private Task<StandingQueryAnswer> Subscribe(string account, string query, string connectionId) =>
        fixture.Client.GetGrain<IStandingQueriesGrain>(account)
            .Subscribe("gw_test", new StandingQuerySubscription("sub_" + Guid.NewGuid().ToString("N"), connectionId, query));
}
