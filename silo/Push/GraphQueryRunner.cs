using Fleet.Contracts.Graph;
using Fleet.Query;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Silo.Graph;

namespace Fleet.Silo.Push;

using J1qlQuery = Fleet.Query.Syntax.Query;

/// <summary>Runs a query over the account's graph partitions from the calling silo (no hop through a query grain).</summary>
public sealed class GraphQueryRunner(IGrainFactory grains, QueryLimits limits, TimeProvider time) : IAccountQueryRunner
{
    public async Task<QueryResult> RunAsync(string accountId, J1qlQuery query, CancellationToken cancellationToken)
    {
        var catalog = await grains.GetGrain<IGraphCatalogGrain>(accountId).Get();
        var source = new GrainGraphSource(grains, accountId, catalog);
        return await QueryExecutor.ExecuteAsync(query, source, time.GetUtcNow(), limits, time, cancellationToken);
    }

    /// <summary>Keys → ids at the key partitions (one call per partition), then ids → entities at the entity partitions.</summary>
    public async Task<IReadOnlyList<Entity>> GetByKeysAsync(string accountId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
            return [];
        var catalog = await grains.GetGrain<IGraphCatalogGrain>(accountId).Get();
        var lookups = keys.Distinct(StringComparer.Ordinal).GroupBy(k => GraphPartitioning.PartitionOf(k, catalog.KeyPartitions)).Select(g =>
            grains.GetGrain<IEntityKeyPartitionGrain>(GraphPartitioning.KeyPartitionKey(accountId, g.Key)).Lookup([.. g]));
        var entries = (await Task.WhenAll(lookups).WaitAsync(cancellationToken)).SelectMany(e => e).ToList();
        if (entries.Count == 0)
            return [];
        var entities = await new GrainGraphSource(grains, accountId, catalog).GetAsync([.. entries.Select(e => e.Id)], cancellationToken);
        // An id whose key was re-pointed meanwhile is not the entity of that key any more.
        var keyOfId = entries.ToDictionary(e => e.Id, e => e.Key, StringComparer.Ordinal);
        return [.. entities.Where(e => keyOfId.TryGetValue(e.Id, out var key) && key == e.Key)];
    }

    /// <summary>
    /// <see cref="GrainGraphSource.FindAsync"/> asks the partitions of the catalogue's classes in catalogue order (classes are
    /// only ever appended), partitions 0..n-1, each answering at most LIMIT matches in its own (insertion) order, and cuts
    /// the concatenation at LIMIT: a block is (class index, partition), both fixed by the entity's id.
    /// </summary>
    public async Task<Func<Entity, long>?> BlockOrderAsync(string accountId, CancellationToken cancellationToken)
    {
        var catalog = await grains.GetGrain<IGraphCatalogGrain>(accountId).Get();
        var classes = catalog.Classes.Select((info, index) => (info, index)).ToDictionary(c => c.info.Class, StringComparer.Ordinal);
        return entity => classes.TryGetValue(entity.Class, out var c)
            ? (long)c.index * int.MaxValue + GraphPartitioning.PartitionOf(entity.Id, c.info.Partitions)
            : long.MaxValue;
    }
}
