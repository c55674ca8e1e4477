using Fleet.Contracts.Push;
using Fleet.Grains.Push;
using Fleet.Grains.StandingQueries;
using Fleet.Query;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;

namespace Fleet.Grains.Tests.StandingQueries;

using J1qlQuery = Fleet.Query.Syntax.Query;

public sealed class IncrementalQueryTests
{
    private static readonly string[] Statuses = ["PASS", "NUDGE", "FAIL", "UNKNOWN"];
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static J1qlQuery Parse(string text) => J1qlParser.Parse(text, QueryLimits.Default).Query!;

    private static IncrementalQuery? For(string text) => IncrementalQuery.For(Parse(text), QueryLimits.Default);

    // Proves only one-step queries answering their own entities, and lists of chains (IncrementalChainQueryTests), without
    // ORDER BY, SKIP, WHERE or relative dates, are incremental.
    [Theory]
    [InlineData("FIND HostAgent WITH compliant=false", true)]
    [InlineData("FIND (HostAgent|Device) WITH online=true OR encrypted=false", true)]
    [InlineData("FIND fleet_device WITH encrypted != true LIMIT 10", true)]
    [InlineData("FIND * WITH status='FAIL' RETURN TREE", true)]
    [InlineData("FIND HostAgent WITH compliant=false AS a RETURN a.status", false)]
    [InlineData("FIND HostAgent AS a RETURN COUNT(a)", false)]
    [InlineData("FIND HostAgent WITH compliant=false ORDER BY displayName", false)]
    [InlineData("FIND HostAgent WITH compliant=false SKIP 5", false)]
    [InlineData("FIND HostAgent AS a WHERE a.compliant=false", false)]
    [InlineData("FIND HostAgent WITH lastReportOn < date.now - 1 day", false)]
    [InlineData("FIND HostAgent THAT MONITORS Device", true)]
    [InlineData("FIND HostAgent WITH compliant=false !THAT MONITORS Device", false)]
    [InlineData("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false", true)]
    [InlineData("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE", false)]
    public void Only_exactly_safe_shapes_are_incremental(string query, bool incremental) =>
        Assert.Equal(incremental, For(query) is not null);

    // Proves the LIMIT the incremental form holds to is the executor's: the query's own, else the default, capped at the maximum.
    [Theory]
    [InlineData("FIND HostAgent", 250)]
    [InlineData("FIND HostAgent LIMIT 3", 3)]
    [InlineData("FIND HostAgent LIMIT 10000", 10_000)]
    public void The_limit_is_the_executors(string query, int limit) => Assert.Equal(limit, For(query)!.Limit);

    // Proves a device change names the device's entities the query can see, and a graph API write names none (full run).
    [Fact]
    public void A_device_change_names_the_entities_of_the_device()
    {
        var change = new DeviceChangedEvent("acc_1", "dev_1", "PASS", "FAIL", false, ["firewall"], Now);

        Assert.Equal(["agent:dev_1"], For("FIND HostAgent")!.KeysTouchedBy(change));
        Assert.Equal(["device:dev_1"], For("FIND fleet_device")!.KeysTouchedBy(change));
        Assert.Equal(["agent:dev_1", "device:dev_1"], For("FIND *")!.KeysTouchedBy(change));
        Assert.Empty(For("FIND Person")!.KeysTouchedBy(change)!);
        Assert.Null(For("FIND HostAgent")!.KeysTouchedBy(new GraphChangedEvent("acc_1", [], Now)));
    }

    // Proves, over random change sequences, that every incremental step yields exactly the result and the diff of a full
    // re-run (complete and truncated results, creations, deletions, re-created keys), with and without the graph's block
    // order, and that with it most steps need no full run.
    [Theory]
    [InlineData("FIND HostAgent WITH compliant=false", 1)]
    [InlineData("FIND HostAgent WITH compliant=false AND online=true", 2)]
    [InlineData("FIND HostAgent WITH compliant=false LIMIT 6", 3)]
    [InlineData("FIND (HostAgent|Device) WITH status=('FAIL' OR 'NUDGE') OR encrypted=false", 4)]
    [InlineData("FIND fleet_device WITH encrypted != true AND osVersion ^= '14' LIMIT 8", 5)]
    [InlineData("FIND * WITH online = undefined OR score >= 70 RETURN TREE", 6)]
    [InlineData("FIND Device WITH score > 50 LIMIT 1", 7)]
    [InlineData("FIND (Device|HostAgent) WITH score > 30 LIMIT 4", 8)]
    public async Task Random_changes_applied_incrementally_equal_a_full_rerun(string text, int seed)
    {
        foreach (var useBlocks in (bool[])[false, true])
        {
            var query = Parse(text);
            var incremental = IncrementalQuery.For(query, QueryLimits.Default)!;
            Func<Entity, long>? blockOf = useBlocks ? BlockOf : null;
            var random = new Random(seed);
            var graph = new List<Entity>();
            for (var d = 0; d < 24; d++)
                graph.AddRange(RandomDevice(random, d));
            var first = await RunAsync(query, graph);
            var state = incremental.StateOf(first, blockOf)!;
            var snapshot = ResultSnapshot.Of(first)!;
            int incrementalSteps = 0, fullRuns = 0;

            for (var step = 0; step < 400; step++)
            {
                var changedKeys = new HashSet<string>(StringComparer.Ordinal);
                for (var c = random.Next(1, 4); c > 0; c--)
                    changedKeys.UnionWith(Mutate(random, graph));
                var full = await RunAsync(query, graph);
                var expected = snapshot.DiffTo(ResultSnapshot.Of(full)!);
                var changed = changedKeys.ToDictionary(k => k, k => graph.FirstOrDefault(e => e.Key == k), StringComparer.Ordinal);

                var outcome = incremental.Apply(state, changed, blockOf);

                if (outcome.NeedsFullRun)
                {
                    fullRuns++;
                    state = incremental.StateOf(full, blockOf)!;
                }
                else
                {
                    incrementalSteps++;
                    Assert.Equal(Ids(expected.Added), Ids(outcome.Diff.Added));
                    Assert.Equal(expected.Removed.Order(), outcome.Diff.Removed.Order());
                    Assert.Equal(ResultSnapshot.Of(full)!.Ids.Order(), outcome.State!.Snapshot.Ids.Order());
                    state = outcome.State;
                }
                snapshot = ResultSnapshot.Of(full)!;
                Assert.Equal(snapshot.Count, state.Count);
            }
            // Without the block order a dense truncated result needs many full runs; with it, most steps are incremental.
            Assert.True(useBlocks ? incrementalSteps > fullRuns : incrementalSteps > 0, $"{incrementalSteps} incremental steps, {fullRuns} full runs (blocks: {useBlocks})");
        }
    }

    // Proves a truncated result absorbs a newly matching entity in a block after the last shown one, and not one before.
    [Fact]
    public async Task A_truncated_result_absorbs_matches_after_its_last_block()
    {
        var query = Parse("FIND HostAgent WITH compliant=false LIMIT 1");
        var incremental = IncrementalQuery.For(query, QueryLimits.Default)!;
        var graph = new List<Entity> { Agent(1, compliant: false), Agent(2, compliant: false), Agent(3, compliant: true), Agent(4, compliant: true) };
        Func<Entity, long> blockOf = e => e.Id == "HostAgent-3" ? 9 : e.Id == "HostAgent-4" ? 0 : 5;
        var state = incremental.StateOf(await RunAsync(query, graph, blockOf), blockOf)!;

        Assert.Equal(5, state.LastBlock);
        Assert.False(incremental.Apply(state, Changed(Agent(3, compliant: false)), blockOf).NeedsFullRun);
        Assert.True(incremental.Apply(state, Changed(Agent(4, compliant: false)), blockOf).NeedsFullRun);
    }

    // Proves a complete result that would grow past LIMIT asks for a full run (which entities are shown is the graph's order).
    [Fact]
    public async Task Growing_past_the_limit_needs_a_full_run()
    {
        var query = Parse("FIND HostAgent WITH compliant=false LIMIT 2");
        var incremental = IncrementalQuery.For(query, QueryLimits.Default)!;
        var graph = new List<Entity> { Agent(1, compliant: false), Agent(2, compliant: true), Agent(3, compliant: true) };
        var state = incremental.StateOf(await RunAsync(query, graph))!;
        Assert.True(state.Complete);

        var second = incremental.Apply(state, Changed(Agent(2, compliant: false)));
        Assert.False(second.NeedsFullRun);
        Assert.True(incremental.Apply(second.State!, Changed(Agent(3, compliant: false))).NeedsFullRun);
    }

    // Proves a truncated result absorbs changes that cannot reorder it (a shown entity still matching, a hidden one not matching).
    [Fact]
    public async Task A_truncated_result_absorbs_changes_that_cannot_change_it()
    {
        var query = Parse("FIND HostAgent WITH compliant=false LIMIT 1");
        var incremental = IncrementalQuery.For(query, QueryLimits.Default)!;
        var graph = new List<Entity> { Agent(1, compliant: false), Agent(2, compliant: false), Agent(3, compliant: true) };
        var state = incremental.StateOf(await RunAsync(query, graph))!;
        Assert.False(state.Complete);

        var absorbed = incremental.Apply(state, Changed(Agent(1, compliant: false, online: false), Agent(3, compliant: true, online: false)));

        Assert.False(absorbed.NeedsFullRun);
        Assert.True(absorbed.Diff.IsEmpty);
        Assert.True(incremental.Apply(state, Changed(Agent(1, compliant: true))).NeedsFullRun);
        Assert.True(incremental.Apply(state, Changed(Agent(3, compliant: false))).NeedsFullRun);
    }

    private static IReadOnlyDictionary<string, Entity?> Changed(params Entity[] entities) =>
        entities.ToDictionary(e => e.Key, e => (Entity?)e, StringComparer.Ordinal);

    private static List<string> Ids(IEnumerable<string> itemsJson) =>
        [.. itemsJson.Select(json => EntityJson.FromJson(json).Id).Order()];

    /// <summary>
    /// A model of the silo graph's order: classes in catalogue order, four partitions each by the id's stable hash, each
    /// partition in insertion order (updates in place). A run lists matches block by block, so sorting the list by block
    /// (stably) is the order a run sees.
    /// </summary>
    private static long BlockOf(Entity entity) =>
        (entity.Class == "HostAgent" ? 0 : 1_000) + Fleet.Contracts.Graph.GraphPartitioning.PartitionOf(entity.Id, 4);

    private static async Task<QueryResult> RunAsync(J1qlQuery query, List<Entity> graph, Func<Entity, long>? blockOf = null)
    {
        var ordered = graph.OrderBy(blockOf ?? BlockOf);
        var result = await QueryExecutor.ExecuteAsync(query, new InMemoryGraphSource(ordered, []), Now, QueryLimits.Default, CancellationToken.None);
        Assert.IsNotType<QueryFailure>(result);
        return result;
    }

    private static Entity Agent(int d, bool compliant, bool online = true) =>
        new($"HostAgent-{d}", $"agent:dev_{d}", "HostAgent", "fleet_agent", $"agent {d}", new Dictionary<string, PropertyValue>
        {
            ["compliant"] = compliant,
            ["online"] = online,
        });

    private static IEnumerable<Entity> RandomDevice(Random random, int d, int generation = 0) =>
    [
        new($"HostAgent-{d}-{generation}", $"agent:dev_{d}", "HostAgent", "fleet_agent", $"agent {d}", RandomAgentProperties(random)),
        new($"Device-{d}-{generation}", $"device:dev_{d}", "Device", "fleet_device", $"host {d}", RandomDeviceProperties(random)),
    ];

    private static Dictionary<string, PropertyValue> RandomAgentProperties(Random random)
    {
        var properties = new Dictionary<string, PropertyValue>(StringComparer.Ordinal)
        {
            ["compliant"] = random.Next(3) == 0 ? false : true,
            ["status"] = Statuses[random.Next(Statuses.Length)],
            ["score"] = random.Next(100),
        };
        if (random.Next(4) != 0)
            properties["online"] = random.Next(2) == 0;
        return properties;
    }

    private static Dictionary<string, PropertyValue> RandomDeviceProperties(Random random)
    {
        var properties = new Dictionary<string, PropertyValue>(StringComparer.Ordinal)
        {
            ["osVersion"] = random.Next(2) == 0 ? "14.2" : "13.6",
            ["score"] = random.Next(100),
        };
        if (random.Next(4) != 0)
            properties["encrypted"] = random.Next(2) == 0;
        return properties;
    }

    /// <summary>One random change, as the graph would hold it: an update in place, a deletion, or a (re-)creation at the end.</summary>
    private static IEnumerable<string> Mutate(Random random, List<Entity> graph)
    {
        var roll = random.Next(20);
        if (roll == 0 && graph.Count > 0)
        {
            var victim = graph[random.Next(graph.Count)];
            graph.Remove(victim);
            return [victim.Key];
        }
        if (roll == 1)
        {
            // A new device, or one that was deleted coming back under its old key with a new id.
            var d = random.Next(40);
            var generation = random.Next(1_000);
            var created = RandomDevice(random, d, generation).Where(e => graph.All(g => g.Key != e.Key)).ToList();
            graph.AddRange(created);
            return created.Select(e => e.Key);
        }
        var index = random.Next(graph.Count);
        var entity = graph[index];
        graph[index] = entity with { Properties = entity.Class == "HostAgent" ? RandomAgentProperties(random) : RandomDeviceProperties(random) };
        return [entity.Key];
    }
}
