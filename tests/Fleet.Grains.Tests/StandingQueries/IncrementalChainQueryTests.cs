using Fleet.Grains.Graph;
using Fleet.Grains.StandingQueries;
using Fleet.Query;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;

namespace Fleet.Grains.Tests.StandingQueries;

using J1qlQuery = Fleet.Query.Syntax.Query;

/// <summary>
/// A chain standing query (<c>FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH …</c>) kept up to date by
/// re-checking only the starts the changed entities reach, checked against full re-runs.
/// </summary>
public sealed class IncrementalChainQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Departments = ["eng", "sales", "ops"];
    private static readonly string[] Statuses = ["PASS", "NUDGE", "FAIL"];

    private static J1qlQuery Parse(string text) => J1qlParser.Parse(text, QueryLimits.Default).Query!;

    // Proves which chains are incremental: lists of starts without !THAT, WHERE, ORDER BY, SKIP or relative dates.
    [Theory]
    [InlineData("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false", true)]
    [InlineData("FIND HostAgent THAT MONITORS Device LIMIT 5", true)]
    [InlineData("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE", false)]
    [InlineData("FIND Person AS p THAT OWNS Device RETURN p.email", false)]
    [InlineData("FIND Person !THAT OWNS Device", false)]
    [InlineData("FIND Person THAT OWNS Device WITH lastSeenOn < date.now - 7 days", false)]
    [InlineData("FIND Person AS p THAT OWNS Device AS d WHERE d.encrypted = false", false)]
    [InlineData("FIND Person THAT OWNS Device ORDER BY displayName", false)]
    public void Only_lists_of_plain_chains_are_incremental(string query, bool incremental)
    {
        var form = IncrementalQuery.For(Parse(query), QueryLimits.Default);
        Assert.Equal(incremental, form is not null);
        Assert.True(form is null || form.IsChain);
    }

    // Proves, over random change sequences (property changes of devices and agents, new devices with their edges), that
    // every incremental step yields exactly the result and the diff of a full re-run, complete and truncated, and that
    // the truncated ones absorb changes anchored after their last shown block.
    [Theory]
    [InlineData("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false", 1)]
    [InlineData("FIND Person WITH department='eng' THAT OWNS Device WITH encrypted=false THAT MONITORS << HostAgent WITH online=true", 2)]
    [InlineData("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false LIMIT 5", 3)]
    [InlineData("FIND HostAgent WITH score > 40 THAT MONITORS Device THAT OWNS << Person WITH department='ops' LIMIT 4", 4)]
    [InlineData("FIND Device WITH encrypted=true THAT MONITORS << HostAgent WITH status=('FAIL' OR 'NUDGE')", 5)]
    public async Task Random_changes_applied_incrementally_equal_a_full_rerun(string text, int seed)
    {
        var query = Parse(text);
        var incremental = IncrementalQuery.For(query, QueryLimits.Default)!;
        var random = new Random(seed);
        var graph = new Graph();
        for (var p = 0; p < 30; p++)
            graph.AddPerson(p);
        for (var d = 0; d < 40; d++)
            graph.AddDevice(random, d, owner: random.Next(30));
        var first = await RunAsync(query, graph);
        var state = await StateAsync(incremental, query, graph, first);
        var snapshot = ResultSnapshot.Of(first)!;
        int incrementalSteps = 0, fullRuns = 0, absorbedAfterCut = 0;

        for (var step = 0; step < 300; step++)
        {
            var changed = new List<Entity>();
            for (var c = random.Next(1, 4); c > 0; c--)
                changed.AddRange(graph.Mutate(random));
            var full = await RunAsync(query, graph);
            var expected = snapshot.DiffTo(ResultSnapshot.Of(full)!);
            var recheck = incremental.RecheckOf(await RecheckPathsAsync(incremental, graph, changed));

            var outcome = incremental.ApplyChain(state, recheck, Graph.BlockOf);

            if (outcome.NeedsFullRun)
            {
                fullRuns++;
                state = await StateAsync(incremental, query, graph, full);
            }
            else
            {
                incrementalSteps++;
                if (!state.Complete && recheck.Matches.Any(m => state.KeyOf(m.Start.Id) is null))
                    absorbedAfterCut++;
                Assert.Equal(Ids(expected.Added), Ids(outcome.Diff.Added));
                Assert.Equal(expected.Removed.Order(), outcome.Diff.Removed.Order());
                Assert.Equal(ResultSnapshot.Of(full)!.Ids.Order(), outcome.State!.Snapshot.Ids.Order());
                state = outcome.State;
            }
            snapshot = ResultSnapshot.Of(full)!;
            Assert.Equal(snapshot.Count, state.Count);
        }
        Assert.True(incrementalSteps > 0, $"{incrementalSteps} incremental steps, {fullRuns} full runs");
        Assert.True(state.Complete || absorbedAfterCut > 0, $"a truncated result absorbed no new match after its cut ({incrementalSteps} incremental steps)");
    }

    // Proves a truncated chain knows the last block its shown starts are anchored in, and absorbs a new match anchored
    // only after it, but not one anchored before.
    [Fact]
    public void A_truncated_chain_absorbs_a_new_match_anchored_after_its_last_block()
    {
        var query = Parse("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false LIMIT 1");
        var incremental = IncrementalQuery.For(query, QueryLimits.Default)!;
        var ann = Person("ann", 0);
        var bob = Person("bob", 1);
        var shown = new StartMatch(ann, [Agent("a1", block: 3)]);
        var result = new ListResult(new[] { ann }.ToEquatableArray());
        var state = incremental.StateOf(result, BlockOfTestEntity, ResultSnapshot.Of(result), IncrementalQuery.LastAnchorBlock([shown], BlockOfTestEntity))!;
        Assert.Equal((false, 3L), (state.Complete, state.LastBlock));

        var later = new StartRecheck(new HashSet<string> { "bob" }, [new StartMatch(bob, [Agent("a2", block: 5)])]);
        var earlier = new StartRecheck(new HashSet<string> { "bob" }, [new StartMatch(bob, [Agent("a2", block: 5), Agent("a3", block: 2)])]);
        var memberMoved = new StartRecheck(new HashSet<string> { "ann" }, [new StartMatch(ann, [Agent("a4", block: 9)])]);

        Assert.True(incremental.ApplyChain(state, later, BlockOfTestEntity).Diff.IsEmpty);
        Assert.True(incremental.ApplyChain(state, earlier, BlockOfTestEntity).NeedsFullRun);
        Assert.True(incremental.ApplyChain(state, memberMoved, BlockOfTestEntity).NeedsFullRun);

        static Entity Person(string id, int n) => new(id, $"person:{id}", "Person", "fleet_person", id, new Dictionary<string, PropertyValue> { ["n"] = n });
        static Entity Agent(string id, int block) => new(id, $"agent:{id}", "HostAgent", "fleet_agent", id, new Dictionary<string, PropertyValue> { ["block"] = block });
        static long BlockOfTestEntity(Entity e) => e.TryGetProperty("block", out var block) ? (long)((NumberValue)block!).Value : 0;
    }

    // Proves a complete chain adds a start that gained a path and removes one that lost its last path.
    [Fact]
    public async Task A_complete_chain_takes_in_starts_that_gained_or_lost_their_paths()
    {
        var query = Parse("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false");
        var incremental = IncrementalQuery.For(query, QueryLimits.Default)!;
        var random = new Random(9);
        var graph = new Graph();
        graph.AddPerson(0);
        graph.AddPerson(1);
        graph.AddDevice(random, 0, owner: 0, compliant: false);
        graph.AddDevice(random, 1, owner: 1, compliant: true);
        var state = await StateAsync(incremental, query, graph, await RunAsync(query, graph));

        var changed = new[] { graph.SetCompliant(0, true), graph.SetCompliant(1, false) };
        var outcome = incremental.ApplyChain(state, incremental.RecheckOf(await RecheckPathsAsync(incremental, graph, changed)));

        Assert.Equal(["Person-0"], outcome.Diff.Removed);
        Assert.Equal(["Person-1"], Ids(outcome.Diff.Added));
    }

    private static async Task<QueryResult> RunAsync(J1qlQuery query, Graph graph)
    {
        var result = await QueryExecutor.ExecuteAsync(query, graph.Source(), Now, QueryLimits.Default, CancellationToken.None);
        Assert.IsNotType<QueryFailure>(result);
        return result;
    }

    // Proves chains that differ only in filters, aliases and LIMIT share one skeleton (one graph re-check), and others do not.
    [Fact]
    public void Chains_differing_only_in_filters_share_a_skeleton()
    {
        var skeleton = IncrementalQuery.For(Parse("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false"), QueryLimits.Default)!.Skeleton;

        Assert.Equal(skeleton, IncrementalQuery.For(Parse("FIND Person WITH department='eng' AS p THAT OWNS Device THAT MONITORS HostAgent WITH online=true LIMIT 5"), QueryLimits.Default)!.Skeleton);
        Assert.NotEqual(skeleton, IncrementalQuery.For(Parse("FIND Person THAT OWNS Device THAT MONITORS << HostAgent"), QueryLimits.Default)!.Skeleton);
        Assert.NotEqual(skeleton, IncrementalQuery.For(Parse("FIND User THAT OWNS Device THAT MONITORS HostAgent"), QueryLimits.Default)!.Skeleton);
    }

    /// <summary>What the grain asks the graph after a change: the skeleton's affected starts and their complete paths now.</summary>
    private static async Task<ChainPaths> RecheckPathsAsync(IncrementalQuery incremental, Graph graph, IReadOnlyCollection<Entity> changed)
    {
        var source = graph.Source();
        var affected = (await QueryExecutor.StartsReachingAsync(incremental.Skeleton!, source, changed, QueryLimits.Default, CancellationToken.None))!;
        var paths = (await QueryExecutor.MatchPathsAsync(incremental.Skeleton!, source, [.. affected], Now, QueryLimits.Default, CancellationToken.None))!;
        return new ChainPaths(affected, paths);
    }

    /// <summary>The state after a full run, as the grain makes it: a truncated one asks where its shown starts are anchored.</summary>
    private static async Task<IncrementalState> StateAsync(IncrementalQuery incremental, J1qlQuery query, Graph graph, QueryResult result)
    {
        var shownIds = ((ListResult)result).Entities.Select(e => e.Id).ToList();
        var shown = await QueryExecutor.MatchStartsAsync(query, graph.Source(), shownIds, Now, QueryLimits.Default, CancellationToken.None);
        return incremental.StateOf(result, Graph.BlockOf, null, IncrementalQuery.LastAnchorBlock(shown!, Graph.BlockOf))!;
    }

    private static List<string> Ids(IEnumerable<string> itemsJson) =>
        [.. itemsJson.Select(json => EntityJson.FromJson(json).Id).Order()];

    /// <summary>Persons, devices and agents with OWNS and MONITORS edges, listed in the silo graph's block order.</summary>
    private sealed class Graph
    {
        private readonly List<Entity> entities = [];
        private readonly List<Relationship> relationships = [];
        private int created;

        /// <summary>The silo graph's order: classes in catalogue order, four partitions each, each in insertion order.</summary>
        public static long BlockOf(Entity entity) =>
            (entity.Class switch { "Person" => 0, "Device" => 1_000, _ => 2_000 }) + Fleet.Contracts.Graph.GraphPartitioning.PartitionOf(entity.Id, 4);

        public InMemoryGraphSource Source() => new(entities.OrderBy(BlockOf), relationships);

        public void AddPerson(int p) =>
            entities.Add(new($"Person-{p}", $"person:p{p}", "Person", "fleet_person", $"person {p}",
                new Dictionary<string, PropertyValue> { ["department"] = Departments[p % Departments.Length] }));

        public IEnumerable<Entity> AddDevice(Random random, int d, int owner, bool? compliant = null)
        {
            var agent = new Entity($"HostAgent-{d}", $"agent:dev_{d}", "HostAgent", "fleet_agent", $"agent {d}", AgentProperties(random, compliant));
            var device = new Entity($"Device-{d}", $"device:dev_{d}", "Device", "fleet_device", $"host {d}", DeviceProperties(random));
            entities.Add(agent);
            entities.Add(device);
            relationships.Add(new Relationship($"m-{d}", "MONITORS", agent.Id, device.Id, new Dictionary<string, PropertyValue>()));
            relationships.Add(new Relationship($"o-{d}", "OWNS", $"Person-{owner}", device.Id, new Dictionary<string, PropertyValue>()));
            return [agent, device];
        }

        public Entity SetCompliant(int d, bool compliant)
        {
            var index = entities.FindIndex(e => e.Id == $"HostAgent-{d}");
            var properties = new Dictionary<string, PropertyValue>(entities[index].Properties) { ["compliant"] = compliant };
            return entities[index] = entities[index] with { Properties = properties };
        }

        /// <summary>One random change as a device change makes it: its agent's or device's properties, or a new device (enrolment).</summary>
        public IEnumerable<Entity> Mutate(Random random)
        {
            if (random.Next(15) == 0)
                return AddDevice(random, 100 + created++, owner: random.Next(30));
            var candidates = entities.Where(e => e.Class != "Person").ToList();
            var entity = candidates[random.Next(candidates.Count)];
            var index = entities.IndexOf(entity);
            entities[index] = entity with { Properties = entity.Class == "HostAgent" ? AgentProperties(random, null) : DeviceProperties(random) };
            return [entities[index]];
        }

        private static Dictionary<string, PropertyValue> AgentProperties(Random random, bool? compliant)
        {
            var properties = new Dictionary<string, PropertyValue>(StringComparer.Ordinal)
            {
                ["compliant"] = compliant ?? random.Next(3) != 0,
                ["status"] = Statuses[random.Next(Statuses.Length)],
                ["score"] = random.Next(100),
            };
            if (random.Next(4) != 0)
                properties["online"] = random.Next(2) == 0;
            return properties;
        }

        private static Dictionary<string, PropertyValue> DeviceProperties(Random random)
        {
            var properties = new Dictionary<string, PropertyValue>(StringComparer.Ordinal) { ["score"] = random.Next(100) };
            if (random.Next(4) != 0)
                properties["encrypted"] = random.Next(2) == 0;
            return properties;
        }
    }
}
