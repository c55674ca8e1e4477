using Fleet.Contracts.Graph;
using Fleet.Grains.Graph.Storage;
using Fleet.Query.Evaluation;
using Fleet.Query.Syntax;
using Orleans.Concurrency;

namespace Fleet.Grains.Graph;

/// <summary>
/// Adjacency of the entities hashing to this partition (<c>{accountId}/edges/{p}</c>), in memory, indexed by entity id.
/// Each relationship is held here once even when both its ends hash here, and is indexed under its ends that hash here
/// only (the other end's partition answers for that one; callers route ids by <see cref="GraphCatalog.EdgePartitions"/>).
/// An entity's relationships are held as the one relationship it has here (the commonest case) or a list, never a
/// dictionary per entity.
/// Coalesced row writes as in <see cref="EntityPartitionGrain"/>.
/// </summary>
[CollectionAgeLimit(Days = 7)]
public sealed partial class EdgePartitionGrain : Grain, IEdgePartitionGrain
{
    private readonly Dictionary<string, Relationship> relationships = new(StringComparer.Ordinal);
    // Value: a Relationship, or a List<Relationship> once the entity has two here.
    private readonly Dictionary<string, object> byEntity = new(StringComparer.Ordinal);
    private readonly PendingRows<Relationship> pending;
    private readonly ILogger<EdgePartitionGrain> logger;
    private readonly IGraphStore store;
    private string accountId = "";
    private int partition;
    private int partitionCount;

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
        partitionCount = (await GrainFactory.GetGrain<IGraphCatalogGrain>(accountId).Get()).EdgePartitions;
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
            if (!byEntity.TryGetValue(id, out var held))
            {
                continue;
            }
            if (held is Relationship single)
            {
                Consider(id, single);
            }
            else
            {
                foreach (var edge in (List<Relationship>)held)
                {
                    Consider(id, edge);
                }
            }
        }
        return Task.FromResult(new Immutable<Relationship[]>([.. result]));

        void Consider(string id, Relationship edge)
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
            pending.Upsert(relationship.Id, Add(relationship));
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
            if (byEntity.TryGetValue(id, out var held))
            {
                foreach (var edge in held is Relationship single ? [single] : ((List<Relationship>)held).ToList())
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

    /// <summary>Adds a relationship to the maps and answers the instance kept (properties shared when empty).</summary>
    private Relationship Add(Relationship relationship)
    {
        if (relationship.Properties.Count == 0)
        {
            // Most relationships have no properties: one shared empty bag instead of a dictionary per relationship.
            relationship = relationship with { Properties = System.Collections.ObjectModel.ReadOnlyDictionary<string, PropertyValue>.Empty };
        }
        relationships[relationship.Id] = relationship;
        if (IsLocal(relationship.FromId))
        {
            Index(relationship.FromId, relationship);
        }
        if (relationship.ToId != relationship.FromId && IsLocal(relationship.ToId))
        {
            Index(relationship.ToId, relationship);
        }
        return relationship;
    }

    private bool IsLocal(string entityId) => GraphPartitioning.PartitionOf(entityId, partitionCount) == partition;

    private void Index(string entityId, Relationship relationship)
    {
        if (!byEntity.TryGetValue(entityId, out var held))
        {
            byEntity[entityId] = relationship;
        }
        else if (held is Relationship single)
        {
            byEntity[entityId] = new List<Relationship>(2) { single, relationship };
        }
        else
        {
            ((List<Relationship>)held).Add(relationship);
        }
    }

    private void Remove(Relationship relationship)
    {
        relationships.Remove(relationship.Id);
        Unindex(relationship.FromId, relationship.Id);
        Unindex(relationship.ToId, relationship.Id);
    }

    private void Unindex(string entityId, string relationshipId)
    {
        if (!byEntity.TryGetValue(entityId, out var held))
        {
            return;
        }
        if (held is Relationship single)
        {
            if (single.Id == relationshipId)
            {
                byEntity.Remove(entityId);
            }
            return;
        }
        var list = (List<Relationship>)held;
        var index = list.FindIndex(r => r.Id == relationshipId);
        if (index >= 0)
        {
            list.RemoveAt(index);
        }
        if (list.Count == 0)
        {
            byEntity.Remove(entityId);
        }
    }

    [LoggerMessage(EventId = 6011, Level = LogLevel.Debug, Message = "Edge partition {Partition} loaded {Count} relationships")]
    private static partial void LogLoaded(ILogger logger, int partition, int count);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Error, Message = "Edge partition {Partition} could not write {Count} changed rows; will retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, int partition, int count);
}
