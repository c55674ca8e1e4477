using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;
using static Fleet.Query.Tests.Execution.QueryRunner;

namespace Fleet.Query.Tests.Execution;

/// <summary>
/// A list or tree keeps the paths of its first SKIP + LIMIT starts: the executor takes the anchors a chunk at a time until
/// it has that many, and the answer is the one every anchor at once gives.
/// </summary>
public sealed class FirstStartsTests
{
    private const int Agents = 3_000;

    /// <summary>
    /// Agent i (not compliant) monitors device i; only every tenth device has owners (p and q), so only every tenth agent
    /// starts a path. p0 also owns the last device, whose agent comes after every chunk a small LIMIT takes.
    /// </summary>
    private static IGraphSource Fleet()
    {
        var entities = new List<Entity>();
        var relationships = new List<Relationship>();
        for (var i = 0; i < Agents; i++)
        {
            entities.Add(Entity($"a{i}", "HostAgent") with { Properties = new Dictionary<string, PropertyValue> { ["compliant"] = false } });
            entities.Add(Entity($"d{i}", "Device"));
            relationships.Add(new Relationship($"m{i}", "MONITORS", $"a{i}", $"d{i}", new Dictionary<string, PropertyValue>()));
            if (i % 10 == 0)
            {
                entities.Add(Entity($"p{i}", "Person"));
                entities.Add(Entity($"q{i}", "Person"));
                relationships.Add(new Relationship($"o{i}", "OWNS", $"p{i}", $"d{i}", new Dictionary<string, PropertyValue>()));
                relationships.Add(new Relationship($"w{i}", "OWNS", $"q{i}", $"d{i}", new Dictionary<string, PropertyValue>()));
            }
        }
        relationships.Add(new Relationship("o-last", "OWNS", "p0", $"d{Agents - 1}", new Dictionary<string, PropertyValue>()));
        return new InMemoryGraphSource(entities, relationships);

        static Entity Entity(string id, string @class) => new(id, id, @class, @class.ToLowerInvariant(), id, new Dictionary<string, PropertyValue>());
    }

    [Fact]
    public async Task Tree_holds_the_first_starts_that_have_a_path_with_all_their_paths_even_past_the_first_chunk()
    {
        // 250 starts need the anchors up to a2490: more than one chunk of anchors.
        var tree = Assert.IsType<TreeResult>(await RunAsync("FIND HostAgent THAT MONITORS Device THAT OWNS Person RETURN TREE", Fleet()));

        var expectedStarts = Enumerable.Range(0, 250).Select(n => $"a{n * 10}");
        Assert.Equal(expectedStarts, tree.Vertices.Where(v => v.Class == "HostAgent").Select(v => v.Id));
        Assert.Equal(250 * 4, tree.Vertices.Count);
        Assert.Equal(250 * 3, tree.Edges.Count);
    }

    [Fact]
    public async Task List_with_a_small_limit_reads_the_edges_of_the_first_chunk_of_anchors_only()
    {
        var source = new CountingGraphSource(Fleet());

        var ids = await ListIdsAsync("FIND HostAgent THAT MONITORS Device THAT OWNS Person SKIP 5 LIMIT 20", source);

        Assert.Equal(Enumerable.Range(5, 20).Select(n => $"a{n * 10}"), ids);
        Assert.Equal(1_000, source.IdsAskedForEdges("MONITORS"));
    }

    [Fact]
    public async Task Tree_of_starts_reached_by_hops_holds_their_paths_from_anchors_past_the_chunks_taken()
    {
        // Anchored at the agents: the first chunk (1,000 agents) gives 200 persons, the first 20 are p0, q0, p10, q10…
        var tree = Assert.IsType<TreeResult>(await RunAsync(
            "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE LIMIT 20", Fleet()));

        var persons = Enumerable.Range(0, 10).SelectMany(n => new[] { $"p{n * 10}", $"q{n * 10}" });
        Assert.Equal(persons, tree.Vertices.Where(v => v.Class == "Person").Select(v => v.Id));
        Assert.Contains(tree.Vertices, v => v.Id == $"a{Agents - 1}");
        Assert.Contains(tree.Edges, e => e.Id == "o-last");
        Assert.Equal((20 + 10 * 2 + 2, 10 * 3 + 2), (tree.Vertices.Count, tree.Edges.Count));
    }

    [Fact]
    public async Task List_of_starts_reached_by_hops_reads_no_edges_past_the_chunks_taken()
    {
        var source = new CountingGraphSource(Fleet());

        var ids = await ListIdsAsync("FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false LIMIT 20", source);

        // The same starts a tree has; only the first chunk's devices were asked for their owners (no read backwards
        // from the starts, which a tree needs for their later paths).
        Assert.Equal(Enumerable.Range(0, 10).SelectMany(n => new[] { $"p{n * 10}", $"q{n * 10}" }), ids);
        Assert.Equal(1_000, source.IdsAskedForEdges("OWNS"));
    }

    [Fact]
    public async Task Ordered_list_reads_every_anchor()
    {
        var source = new CountingGraphSource(Fleet());

        await ListIdsAsync("FIND HostAgent THAT MONITORS Device THAT OWNS Person ORDER BY displayName LIMIT 20", source);

        Assert.Equal(Agents, source.IdsAskedForEdges("MONITORS"));
    }

    private sealed class CountingGraphSource(IGraphSource inner) : IGraphSource
    {
        private readonly Dictionary<string, int> idsByVerb = new(StringComparer.Ordinal);

        public int IdsAskedForEdges(string verb)
        {
            lock (idsByVerb)
            {
                return idsByVerb.GetValueOrDefault(verb);
            }
        }

        public Task<IReadOnlyList<Entity>> FindAsync(TargetSelector target, Filter? filter, int? limit, CancellationToken ct) =>
            inner.FindAsync(target, filter, limit, ct);

        public Task<IReadOnlyList<Entity>> GetAsync(IReadOnlyCollection<string> ids, CancellationToken ct) => inner.GetAsync(ids, ct);

        public Task<IReadOnlyList<Relationship>> EdgesAsync(IReadOnlyCollection<string> ids, VerbSelector verbs, EdgeDirection direction, CancellationToken ct)
        {
            lock (idsByVerb)
            {
                foreach (var verb in verbs.Verbs)
                {
                    idsByVerb[verb] = idsByVerb.GetValueOrDefault(verb) + ids.Count;
                }
            }
            return inner.EdgesAsync(ids, verbs, direction, ct);
        }
    }
}
