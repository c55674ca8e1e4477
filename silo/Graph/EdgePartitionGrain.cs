using Orleans.Concurrency;
using Fleet.Contracts.Graph;
using Fleet.Query.Evaluation;
using Fleet.Query.Syntax;
using Fleet.Silo.Graph.Storage;

namespace Fleet.Silo.Graph;

/// <summary>
/// Adjacency of the entities hashing to this partition (<c>{accountId}/edges/{p}</c>), in memory, indexed by entity id.
/// Each relationship is held here once even when both its ends hash here. Coalesced row writes as in
/// <see cref="EntityPartitionGrain"/>.
/// </summary>
[CollectionAgeLimit(Days = 7)]
public sealed partial class EdgePartitionGrain(IGraphStore store, GraphOptions options, ILogger<EdgePartitionGrain> logger)
    : Grain, IEdgePartitionGrain
{
    private readonly Dictionary<string, Relationship> relationships = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Relationship>> byEntity = new(StringComparer.Ordinal);
    private readonly PendingRows<Relationship> pending = new();
    private IGrainTimer? flushTimer;
    private string accountId = "";
    private int partition;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        accountId = GraphPartitioning.SplitKey(key).AccountId;
        partition = GraphPartitioning.PartitionNumber(key);
        foreach (var relationship in await store.LoadRelationshipsAsync(accountId, partition, cancellationToken))
        {
            Add(relationship);
        }
        LogLoaded(logger, partition, relationships.Count);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (pending.Count > 0)
        {
            await FlushAsync();
        }
    }

    public Task<Immutable<Relationship[]>> Edges(string[] ids, string[]? verbs, EdgeDirection direction)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Relationship>();
        foreach (var id in ids)
        {
            if (!byEntity.TryGetValue(id, out var list))
            {
                continue;
            }
            foreach (var edge in list.Values)
            {
                var fits = direction switch
                {
                    EdgeDirection.Outgoing => edge.FromId == id,
                    EdgeDirection.Incoming => edge.ToId == id,
                    _ => true,
                };
                if (fits && (verbs is null || verbs.Contains(edge.Class, StringComparer.OrdinalIgnoreCase)) && seen.Add(edge.Id))
                {
                    result.Add(edge);
                }
            }
        }
        return Task.FromResult(new Immutable<Relationship[]>([.. result]));
    }

    public async Task<string[]> Upsert(Immutable<Relationship[]> upserts)
    {
        var created = new List<string>();
        foreach (var relationship in upserts.Value)
        {
            if (relationships.TryGetValue(relationship.Id, out var existing))
            {
                if (existing.Class == relationship.Class && existing.FromId == relationship.FromId && existing.ToId == relationship.ToId
                    && GraphEntityMerge.SameProperties(existing.Properties, relationship.Properties))
                {
                    continue;
                }
                Remove(existing);
            }
            else
            {
                created.Add(relationship.Id);
            }
            Add(relationship);
            pending.Upsert(relationship.Id, relationship);
        }
        await AfterChangeAsync();
        return [.. created];
    }

    public async Task<string[]> Delete(string[] relationshipIds)
    {
        var deleted = new List<string>();
        foreach (var id in relationshipIds)
        {
            if (relationships.TryGetValue(id, out var existing))
            {
                Remove(existing);
                pending.Delete(id);
                deleted.Add(id);
            }
        }
        await AfterChangeAsync();
        return [.. deleted];
    }

    public async Task<Immutable<Relationship[]>> Detach(string[] entityIds)
    {
        var detached = new List<Relationship>();
        foreach (var id in entityIds)
        {
            if (byEntity.TryGetValue(id, out var list))
            {
                foreach (var edge in list.Values.ToList())
                {
                    Remove(edge);
                    pending.Delete(edge.Id);
                    detached.Add(edge);
                }
            }
        }
        await AfterChangeAsync();
        return new Immutable<Relationship[]>([.. detached]);
    }

    public Task Flush() => pending.Count == 0 ? Task.CompletedTask : FlushAsync();

    private void Add(Relationship relationship)
    {
        relationships[relationship.Id] = relationship;
        Index(relationship.FromId, relationship);
        if (relationship.ToId != relationship.FromId)
        {
            Index(relationship.ToId, relationship);
        }
    }

    private void Index(string entityId, Relationship relationship)
    {
        if (!byEntity.TryGetValue(entityId, out var list))
        {
            byEntity[entityId] = list = new Dictionary<string, Relationship>(StringComparer.Ordinal);
        }
        list[relationship.Id] = relationship;
    }

    private void Remove(Relationship relationship)
    {
        relationships.Remove(relationship.Id);
        Unindex(relationship.FromId, relationship.Id);
        Unindex(relationship.ToId, relationship.Id);
    }

    private void Unindex(string entityId, string relationshipId)
    {
        if (byEntity.TryGetValue(entityId, out var list))
        {
            list.Remove(relationshipId);
            if (list.Count == 0)
            {
                byEntity.Remove(entityId);
            }
        }
    }

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
            await store.SaveRelationshipsAsync(accountId, partition, upserts, deletes, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            pending.Restore(taken);
            LogFlushFailed(logger, exception, partition, taken.Count);
            flushTimer ??= this.RegisterGrainTimer(OnFlushTimerAsync, options.FlushInterval, Timeout.InfiniteTimeSpan);
            throw;
        }
    }

    [LoggerMessage(EventId = 6011, Level = LogLevel.Debug, Message = "Edge partition {Partition} loaded {Count} relationships")]
    private static partial void LogLoaded(ILogger logger, int partition, int count);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Error, Message = "Edge partition {Partition} could not write {Count} changed rows; will retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, int partition, int count);
}
