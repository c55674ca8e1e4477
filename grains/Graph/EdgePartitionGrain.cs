using Fleet.Contracts.Graph;
using Fleet.Grains.Graph.Storage;
using Fleet.Query.Evaluation;
using Fleet.Query.Syntax;
using Orleans.Concurrency;

namespace Fleet.Grains.Graph;

/// <summary>
/// Adjacency of the entities hashing to this partition (<c>{accountId}/edges/{p}</c>), in memory, indexed by entity id.
/// Each relationship is held here once even when both its ends hash here. Coalesced row writes as in
/// <see cref="EntityPartitionGrain"/>.
/// </summary>
[CollectionAgeLimit(Days = 7)]
public sealed partial class EdgePartitionGrain : Grain, IEdgePartitionGrain
{
    private readonly Dictionary<string, Relationship> relationships = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Relationship>> byEntity = new(StringComparer.Ordinal);
    private readonly PendingRows<Relationship> pending;
    private readonly ILogger<EdgePartitionGrain> logger;
    private readonly IGraphStore store;
    private string accountId = "";
    private int partition;

    public EdgePartitionGrain(IGraphStore store, GraphOptions options, GraphQuarantine quarantine, ILogger<EdgePartitionGrain> logger)
    {
        this.store = store;
        this.logger = logger;
        pending = new PendingRows<Relationship>(this, options,
            (upserts, deletes) => this.store.SaveRelationshipsAsync(accountId, partition, upserts, deletes, CancellationToken.None),
            (exception, count) => LogFlushFailed(this.logger, exception, partition, count),
            (id, row, refusal) => quarantine.QuarantineAsync(accountId, "fleet_graph_relationships", $"{partition}/{id}", row, refusal));
    }

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
        await pending.FlushAsync();
    }

    public Task<Immutable<Relationship[]>> Edges(string[] ids, string[]? verbs, EdgeDirection direction)
    {
        // Only an undirected hop can meet one relationship from both of its ends (a self-loop is indexed once).
        var seen = direction == EdgeDirection.Either ? new HashSet<string>(StringComparer.Ordinal) : null;
        var result = new List<Relationship>(ids.Length);
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
                if (fits && HasVerb(verbs, edge.Class) && (seen is null || seen.Add(edge.Id)))
                {
                    result.Add(edge);
                }
            }
        }
        return Task.FromResult(new Immutable<Relationship[]>([.. result]));
    }

    private static bool HasVerb(string[]? verbs, string verb)
    {
        if (verbs is null)
        {
            return true;
        }
        foreach (var candidate in verbs)
        {
            if (string.Equals(candidate, verb, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
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
        await pending.ChangedAsync();
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
        await pending.ChangedAsync();
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
        await pending.ChangedAsync();
        return new Immutable<Relationship[]>([.. detached]);
    }

    public Task Flush() => pending.FlushAsync();

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

    [LoggerMessage(EventId = 6011, Level = LogLevel.Debug, Message = "Edge partition {Partition} loaded {Count} relationships")]
    private static partial void LogLoaded(ILogger logger, int partition, int count);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Error, Message = "Edge partition {Partition} could not write {Count} changed rows; will retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, int partition, int count);
}
