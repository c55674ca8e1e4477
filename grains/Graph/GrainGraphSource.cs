using Fleet.Contracts.Graph;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;
using Orleans.Concurrency;

namespace Fleet.Grains.Graph;

/// <summary>
/// The executor's view of one account's graph, the one graph source of every query in the silo (ad-hoc queries in
/// <see cref="QueryGrain"/>, standing queries and alert rules through <c>GraphQueryRunner</c>): every call fans out in
/// parallel to the partitions it needs and no others — Find to the partitions of the target's classes (from the
/// catalogue), Get to the partitions named by the ids (the class is part of an entity id), Edges to the adjacency
/// partitions of the ids. Never storage, never an entity grain per entity. Filters travel to the partitions as the AST.
/// </summary>
public sealed class GrainGraphSource(IGrainFactory grains, string accountId, GraphCatalog catalog) : IGraphSource
{
    /// <summary>The last block <see cref="FindAsync"/> asks (see <see cref="BlockOf"/>); all of them unless restricted.</summary>
    private long LastBlock { get; init; } = long.MaxValue;

    /// <summary>The source over the account's graph as its catalogue stands now.</summary>
    public static async Task<GrainGraphSource> OpenAsync(IGrainFactory grains, string accountId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var catalog = await grains.GetGrain<IGraphCatalogGrain>(accountId).Get();
        return new GrainGraphSource(grains, accountId, catalog);
    }

    /// <summary>
    /// The block of an entity in the order <see cref="FindAsync"/> visits them: the catalogue's classes in catalogue order
    /// (classes are only ever appended), partitions 0..n-1 within a class, each partition answering at most LIMIT matches
    /// in its own (insertion) order, the concatenation cut at LIMIT. A block is (class index, partition), both fixed by
    /// the entity's id, so an entity stays in its block for its lifetime. <see cref="long.MaxValue"/> for a class the
    /// catalogue does not know.
    /// </summary>
    public long BlockOf(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        for (var c = 0; c < catalog.Classes.Count; c++)
        {
            var info = catalog.Classes[c];
            if (string.Equals(info.Class, entity.Class, StringComparison.Ordinal))
            {
                return Block(c, GraphPartitioning.PartitionOf(entity.Id, info.Partitions));
            }
        }
        return long.MaxValue;
    }

    /// <summary>The same source, with <see cref="FindAsync"/> asking only the blocks up to <paramref name="lastBlock"/>.</summary>
    public GrainGraphSource UpToBlock(long lastBlock) => new(grains, accountId, catalog) { LastBlock = lastBlock };

    public async Task<IReadOnlyList<Entity>> FindAsync(TargetSelector target, Filter? filter, int? limit, CancellationToken ct)
    {
        var calls = new List<Task<Immutable<Entity[]>>>();
        for (var c = 0; c < catalog.Classes.Count; c++)
        {
            var info = catalog.Classes[c];
            if (!TypesWithin(target, info, out var types))
            {
                continue;
            }
            for (var p = 0; p < info.Partitions && Block(c, p) <= LastBlock; p++)
            {
                calls.Add(grains.GetGrain<IEntityPartitionGrain>(GraphPartitioning.EntityPartitionKey(accountId, info.Class, p)).Find(filter, types, limit));
            }
        }
        var answers = await Task.WhenAll(calls).WaitAsync(ct);
        var result = new List<Entity>(answers.Sum(a => a.Value.Length));
        foreach (var answer in answers)
        {
            result.AddRange(answer.Value);
        }
        return limit is { } max && result.Count > max ? result.GetRange(0, max) : result;
    }

    /// <summary>
    /// The current entities with these <c>_key</c>s (keys with no entity are left out): keys → ids at the key partitions
    /// (one call per partition), then ids → entities at the entity partitions.
    /// </summary>
    public async Task<IReadOnlyList<Entity>> GetByKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }
        var lookups = keys.Distinct(StringComparer.Ordinal).GroupBy(k => GraphPartitioning.PartitionOf(k, catalog.KeyPartitions)).Select(g =>
            grains.GetGrain<IEntityKeyPartitionGrain>(GraphPartitioning.KeyPartitionKey(accountId, g.Key)).Lookup([.. g]));
        var entries = (await Task.WhenAll(lookups).WaitAsync(ct)).SelectMany(e => e).ToList();
        if (entries.Count == 0)
        {
            return [];
        }
        var entities = await GetAsync([.. entries.Select(e => e.Id)], ct);
        // An id whose key was re-pointed meanwhile is not the entity of that key any more.
        var keyOfId = entries.ToDictionary(e => e.Id, e => e.Key, StringComparer.Ordinal);
        return [.. entities.Where(e => keyOfId.TryGetValue(e.Id, out var key) && key == e.Key)];
    }

    public async Task<IReadOnlyList<Entity>> GetAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        // Thousands of ids per hop: the class is read from the id without copying it, and each partition key is built once.
        var classes = catalog.Classes.ToDictionary(c => c.Class, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var groups = new Dictionary<(string Class, int Partition), List<string>>();
        foreach (var id in ids as IReadOnlySet<string> ?? ids.ToHashSet(StringComparer.Ordinal))
        {
            var dash = id.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !classes.TryGetValue(id.AsSpan(0, dash), out var info))
            {
                continue;
            }
            var key = (info.Class, GraphPartitioning.PartitionOf(id, info.Partitions));
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }
            list.Add(id);
        }
        var answers = await Task.WhenAll(groups.Select(g =>
            grains.GetGrain<IEntityPartitionGrain>(GraphPartitioning.EntityPartitionKey(accountId, g.Key.Class, g.Key.Partition)).Get([.. g.Value]))).WaitAsync(ct);
        var result = new List<Entity>(answers.Sum(a => a.Value.Length));
        foreach (var answer in answers)
        {
            result.AddRange(answer.Value);
        }
        return result;
    }

    public async Task<IReadOnlyList<Relationship>> EdgesAsync(IReadOnlyCollection<string> ids, VerbSelector verbs, EdgeDirection direction, CancellationToken ct)
    {
        var groups = new Dictionary<int, List<string>>();
        foreach (var id in ids)
        {
            var p = GraphPartitioning.PartitionOf(id, catalog.EdgePartitions);
            if (!groups.TryGetValue(p, out var list))
            {
                groups[p] = list = [];
            }
            list.Add(id);
        }
        string[]? verbNames = verbs.IsAny ? null : [.. verbs.Verbs];
        var answers = await Task.WhenAll(groups.Select(g =>
            grains.GetGrain<IEdgePartitionGrain>(GraphPartitioning.EdgePartitionKey(accountId, g.Key)).Edges([.. g.Value], verbNames, direction))).WaitAsync(ct);
        // An edge whose two ends are both asked for comes back from both their partitions.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Relationship>();
        foreach (var answer in answers)
        {
            foreach (var edge in answer.Value)
            {
                if (seen.Add(edge.Id))
                {
                    result.Add(edge);
                }
            }
        }
        return result;
    }

    private static long Block(int classIndex, int partition) => (long)classIndex * int.MaxValue + partition;

    /// <summary>Whether a class can hold matches of the target, and which of its types (null = all).</summary>
    private static bool TypesWithin(TargetSelector target, GraphClassInfo info, out string[]? types)
    {
        types = null;
        if (target.IsAny || target.Names.Any(n => n.Field == TargetField.Class && n.Name == info.Class))
        {
            return true;
        }
        var named = target.Names.Where(n => n.Field == TargetField.Type && info.Types.Contains(n.Name)).Select(n => n.Name).ToArray();
        types = named;
        return named.Length > 0;
    }
}
