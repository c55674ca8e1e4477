using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;
using static Fleet.Query.Tests.Execution.QueryRunner;

namespace Fleet.Query.Tests.Execution;

/// <summary>Where plans start, how many source calls a hop costs, and the time and size limits.</summary>
public sealed class PlanningAndLimitsTests
{
    private static QueryPlan Plan(string text) => QueryPlanner.Plan(J1qlParser.Parse(text, QueryLimits.Default).Query!);

    [Fact]
    public void Plan_starts_at_the_filtered_step_of_seed_question_one() =>
        Assert.Equal(2, Plan("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE").AnchorStep);

    [Fact]
    public void Plan_walks_left_from_a_later_anchor_with_reversed_direction()
    {
        var plan = Plan("FIND Person THAT OWNS >> Device WITH encrypted = false");
        Assert.Equal([new PlannedHop(1, 0, VerbSelector.Of("OWNS"), EdgeDirection.Incoming)], plan.Hops);
    }

    [Fact]
    public void Plan_prefers_equality_over_other_filters() =>
        Assert.Equal(1, Plan("FIND Device WITH score > 3 THAT MONITORS HostAgent WITH compliant = false").AnchorStep);

    [Fact]
    public void Plan_keeps_the_first_step_when_nothing_is_more_selective() =>
        Assert.Equal(0, Plan("FIND Person THAT OWNS Device").AnchorStep);

    [Fact]
    public void Plan_prefers_a_named_class_over_star() =>
        Assert.Equal(1, Plan("FIND * THAT HAS Device").AnchorStep);

    [Fact]
    public void Negated_steps_attach_to_the_step_before_them()
    {
        var plan = Plan("FIND Person !THAT OWNS Device THAT IS User");
        Assert.Equal(2, plan.Steps.Count);
        Assert.Single(plan.Steps[0].Negations);
    }

    [Fact]
    public async Task Each_hop_costs_one_edges_call_and_one_get_call_whatever_the_fan_out()
    {
        var source = new RecordingGraphSource(FleetGraph.Source());
        await RunAsync("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE", source);
        Assert.Equal((1, 2, 2), (source.FindCalls, source.EdgesCalls, source.GetCalls));
    }

    [Fact]
    public async Task Source_receives_relative_dates_already_resolved()
    {
        var source = new RecordingGraphSource(FleetGraph.Source());
        await RunAsync("FIND Device WITH lastSeenOn > date.now - 7 days", source);
        var comparison = Assert.IsType<Comparison>(source.LastFilter);
        Assert.Equal(new AbsoluteDate(FleetGraph.Now.AddDays(-7)), comparison.Value);
    }

    [Fact]
    public async Task Running_out_of_time_is_a_timeout_failure_value()
    {
        var result = await RunAsync("FIND Device", new StalledGraphSource(), QueryLimits.Default with { Timeout = TimeSpan.FromMilliseconds(20) });
        Assert.Equal(QueryFailureKind.Timeout, Assert.IsType<QueryFailure>(result).Kind);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var query = J1qlParser.Parse("FIND Device", QueryLimits.Default).Query!;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            QueryExecutor.ExecuteAsync(query, new StalledGraphSource(), FleetGraph.Now, QueryLimits.Default, cancelled.Token));
    }

    [Fact]
    public async Task Too_many_intermediate_results_is_a_failure_value()
    {
        var result = await RunAsync("FIND Device", limits: QueryLimits.Default with { MaxIntermediateResults = 3 });
        Assert.Equal(QueryFailureKind.TooManyIntermediateResults, Assert.IsType<QueryFailure>(result).Kind);
    }

    [Fact]
    public async Task Too_many_paths_after_a_hop_is_a_failure_value()
    {
        var result = await RunAsync("FIND Account THAT HAS *", limits: QueryLimits.Default with { MaxIntermediateResults = 5 });
        Assert.Equal(QueryFailureKind.TooManyIntermediateResults, Assert.IsType<QueryFailure>(result).Kind);
    }

    /// <summary>Counts calls and remembers the last filter passed to FindAsync.</summary>
    private sealed class RecordingGraphSource(IGraphSource inner) : IGraphSource
    {
        public int FindCalls { get; private set; }
        public int GetCalls { get; private set; }
        public int EdgesCalls { get; private set; }
        public Filter? LastFilter { get; private set; }

        public Task<IReadOnlyList<Entity>> FindAsync(TargetSelector target, Filter? filter, int? limit, CancellationToken ct)
        {
            FindCalls++;
            LastFilter = filter;
            return inner.FindAsync(target, filter, limit, ct);
        }

        public Task<IReadOnlyList<Entity>> GetAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
        {
            GetCalls++;
            return inner.GetAsync(ids, ct);
        }

        public Task<IReadOnlyList<Relationship>> EdgesAsync(IReadOnlyCollection<string> ids, VerbSelector verbs, EdgeDirection direction, CancellationToken ct)
        {
            EdgesCalls++;
            return inner.EdgesAsync(ids, verbs, direction, ct);
        }
    }

    /// <summary>Never answers until cancelled, like a partition that hangs.</summary>
    private sealed class StalledGraphSource : IGraphSource
    {
        public async Task<IReadOnlyList<Entity>> FindAsync(TargetSelector target, Filter? filter, int? limit, CancellationToken ct)
        {
            await Task.Delay(Timeout.Infinite, ct);
            return [];
        }

        public Task<IReadOnlyList<Entity>> GetAsync(IReadOnlyCollection<string> ids, CancellationToken ct) => FindAsync(TargetSelector.Any, null, null, ct);

        public Task<IReadOnlyList<Relationship>> EdgesAsync(IReadOnlyCollection<string> ids, VerbSelector verbs, EdgeDirection direction, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<Relationship>>([]);
    }
}
