using Orleans.Concurrency;
using Fleet.Contracts.Graph;
using Fleet.Query.Evaluation;
using Fleet.Silo.Graph.Storage;

namespace Fleet.Silo.Graph;

/// <summary>
/// One slice of one class's entities (<c>{accountId}/{class}/{p}</c>), held in memory, filtered here. Changes are
/// coalesced and written as rows in one transaction per flush (after <see cref="GraphOptions.FlushInterval"/>, or at
/// once when <see cref="GraphOptions.FlushBatchSize"/> changes are pending, or when asked, or on deactivation).
/// An upsert that changes nothing writes nothing. After a crash the rows are reloaded on activation, and system
/// entities are republished by their owning grains.
/// </summary>
[CollectionAgeLimit(Days = 7)]
public sealed partial class EntityPartitionGrain(IGraphStore store, GraphOptions options, ILogger<EntityPartitionGrain> logger)
    : Grain, IEntityPartitionGrain
{
    private readonly Dictionary<string, StoredEntity> entities = new(StringComparer.Ordinal);
    private readonly PendingRows<StoredEntity> pending = new();
    private readonly FilterCache filters = new();
    private IGrainTimer? flushTimer;
    private string accountId = "";
    private string partition = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (accountId, partition) = GraphPartitioning.SplitKey(this.GetPrimaryKeyString());
        foreach (var stored in await store.LoadEntitiesAsync(accountId, partition, cancellationToken))
        {
            entities[stored.Entity.Id] = stored;
        }
        LogLoaded(logger, partition, entities.Count);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (pending.Count > 0)
        {
            await FlushAsync();
        }
    }

    public Task<Immutable<Entity[]>> Find(string? filter, string[]? types, int? limit)
    {
        var parsed = filter is null ? null : filters.Get(filter);
        var max = limit ?? int.MaxValue;
        var result = new List<Entity>();
        foreach (var stored in entities.Values)
        {
            var entity = stored.Entity;
            if ((types is null || types.Contains(entity.Type, StringComparer.Ordinal))
                && (parsed is null || parsed.Matches(entity)))
            {
                result.Add(entity);
                if (result.Count >= max)
                {
                    break;
                }
            }
        }
        return Task.FromResult(new Immutable<Entity[]>([.. result]));
    }

    public Task<Immutable<Entity[]>> Get(string[] ids)
    {
        var result = new List<Entity>(ids.Length);
        foreach (var id in ids)
        {
            if (entities.TryGetValue(id, out var stored))
            {
                result.Add(stored.Entity);
            }
        }
        return Task.FromResult(new Immutable<Entity[]>([.. result]));
    }

    public async Task<GraphUpsertCounts> Upsert(Immutable<GraphEntityUpsert[]> upserts)
    {
        int created = 0, updated = 0;
        foreach (var upsert in upserts.Value)
        {
            var existing = entities.GetValueOrDefault(upsert.Entity.Id);
            if (existing is null)
            {
                created++;
            }
            else
            {
                updated++;
            }
            var next = GraphEntityMerge.Apply(existing, upsert);
            if (existing is null || !GraphEntityMerge.SameContent(existing, next))
            {
                entities[next.Entity.Id] = next;
                pending.Upsert(next.Entity.Id, next);
            }
        }
        await AfterChangeAsync();
        return new GraphUpsertCounts(created, updated);
    }

    public async Task<int> Delete(string[] ids)
    {
        var deleted = 0;
        foreach (var id in ids)
        {
            if (entities.Remove(id))
            {
                pending.Delete(id);
                deleted++;
            }
        }
        await AfterChangeAsync();
        return deleted;
    }

    public Task Flush() => pending.Count == 0 ? Task.CompletedTask : FlushAsync();

    public Task<int> Count() => Task.FromResult(entities.Count);

    private async Task AfterChangeAsync()
    {
        if (pending.Count >= options.FlushBatchSize)
        {
            await FlushAsync();
        }
        else if (pending.Count > 0 && flushTimer is null)
        {
            flushTimer = this.RegisterGrainTimer(OnFlushTimerAsync, options.FlushInterval, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task OnFlushTimerAsync(CancellationToken ct)
    {
        flushTimer?.Dispose();
        flushTimer = null;
        await FlushAsync();
    }

    private async Task FlushAsync()
    {
        flushTimer?.Dispose();
        flushTimer = null;
        var (upserts, deletes, taken) = pending.Take();
        if (taken.Count == 0)
        {
            return;
        }
        try
        {
            await store.SaveEntitiesAsync(accountId, partition, upserts, deletes, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Keep the changes and try again later; the in-memory partition stays correct meanwhile.
            pending.Restore(taken);
            LogFlushFailed(logger, exception, partition, taken.Count);
            flushTimer ??= this.RegisterGrainTimer(OnFlushTimerAsync, options.FlushInterval, Timeout.InfiniteTimeSpan);
            throw;
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Entity partition {Partition} loaded {Count} entities")]
    private static partial void LogLoaded(ILogger logger, string partition, int count);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Entity partition {Partition} could not write {Count} changed rows; will retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string partition, int count);
}
