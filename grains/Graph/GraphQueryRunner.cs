using Fleet.Contracts.Graph;
using Fleet.Query;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;

namespace Fleet.Grains.Graph;

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

    public async Task<QueryResult?> RunPrefixAsync(string accountId, J1qlQuery query, long lastBlock, CancellationToken cancellationToken)
    {
        var limit = Math.Min(query.Limit ?? limits.DefaultLimit, limits.MaxLimit);
        var catalog = await grains.GetGrain<IGraphCatalogGrain>(accountId).Get();
        var target = query.Start.Target;
        var filterText = query.Start.Filter is { } f ? QueryFormatter.Format(f) : null;
        var compiled = query.Start.Filter is { } filter ? CompiledFilter.Compile(filter, time.GetUtcNow()) : null;
        // The calls GrainGraphSource.FindAsync makes, in its order, for the blocks up to lastBlock.
        var calls = new List<Task<Orleans.Concurrency.Immutable<Entity[]>>>();
        for (var c = 0; c < catalog.Classes.Count; c++)
        {
            var info = catalog.Classes[c];
            if (!TypesWithin(target, info, out var types))
                continue;
            for (var p = 0; p < info.Partitions && (long)c * int.MaxValue + p <= lastBlock; p++)
                calls.Add(grains.GetGrain<IEntityPartitionGrain>(GraphPartitioning.EntityPartitionKey(accountId, info.Class, p)).Find(filterText, types, limit));
        }
        var answers = await Task.WhenAll(calls).WaitAsync(cancellationToken);
        // As the executor: re-check, first occurrence of an id, the first LIMIT.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entities = new List<Entity>(limit);
        foreach (var entity in answers.SelectMany(a => a.Value))
        {
            if (entities.Count == limit)
                break;
            if (target.Matches(entity.Class, entity.Type) && (compiled is null || compiled.Matches(entity)) && seen.Add(entity.Id))
                entities.Add(entity);
        }
        if (entities.Count < limit)
            return null;
        return query.Return is ReturnTree
            ? new TreeResult(entities.ToEquatableArray(), EquatableArray<Relationship>.Empty)
            : new ListResult(entities.ToEquatableArray());
    }

    /// <summary>Whether a class can hold matches of the target, and which of its types (null = all): as GrainGraphSource.</summary>
    private static bool TypesWithin(TargetSelector target, GraphClassInfo info, out string[]? types)
    {
        types = null;
        if (target.IsAny || target.Names.Any(n => n.Field == TargetField.Class && n.Name == info.Class))
            return true;
        var named = target.Names.Where(n => n.Field == TargetField.Type && info.Types.Contains(n.Name)).Select(n => n.Name).ToArray();
        types = named;
        return named.Length > 0;
    }
}
