using Fleet.Contracts.Graph;
using Fleet.Grains.Graph.Storage;
using Fleet.Query.Evaluation;
using Fleet.Query.Syntax;
using Orleans.Concurrency;

namespace Fleet.Grains.Graph;

/// <summary>
/// One slice of one class's entities (<c>{accountId}/{class}/{p}</c>), held in memory, filtered here. Changes are
/// coalesced and written as rows in one transaction per flush (after <see cref="GraphOptions.FlushInterval"/>, or at
/// once when <see cref="GraphOptions.FlushBatchSize"/> changes are pending, or when asked, or on deactivation).
/// An upsert that changes nothing writes nothing. After a crash the rows are reloaded on activation, and system
/// entities are republished by their owning grains.
/// </summary>
[CollectionAgeLimit(Days = 7)]
public sealed partial class EntityPartitionGrain : Grain, IEntityPartitionGrain
{
    private readonly Dictionary<string, HeldEntity> entities = new(StringComparer.Ordinal);
    private readonly EqualityIndex index = new();
    private readonly PropertyInterner interner = new();
    private readonly PendingRows<StoredEntity> pending;
    private readonly ILogger<EntityPartitionGrain> logger;
    private readonly IGraphStore store;
    private string accountId = "";
    private string partition = "";

    public EntityPartitionGrain(IGraphStore store, GraphOptions options, GraphQuarantine quarantine, ILogger<EntityPartitionGrain> logger)
    {
        this.store = store;
        this.logger = logger;
        pending = new PendingRows<StoredEntity>(this, options,
            (upserts, deletes) => this.store.SaveEntitiesAsync(accountId, partition, upserts, deletes, CancellationToken.None),
            (exception, count) => LogFlushFailed(this.logger, exception, partition, count),
            (id, row, refusal) => quarantine.QuarantineAsync(accountId, "fleet_graph_entities", $"{partition}/{id}", row, refusal));
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (accountId, partition) = GraphPartitioning.SplitKey(this.GetPrimaryKeyString());
        foreach (var stored in await store.LoadEntitiesAsync(accountId, partition, cancellationToken))
        {
            entities[stored.Entity.Id] = HeldEntity.Of(interner.Intern(stored));
        }
        LogLoaded(logger, partition, entities.Count);
        AskDevicesToProject();
    }

    /// <summary>
    /// Rows are written behind, so a crash can lose a device's last projection here while the device grain (alive on
    /// another silo, or idle) holds the newer state. On reload, the devices behind this partition's device and agent rows
    /// project themselves again (one-way: they call back into this partition once it is active).
    /// </summary>
    private void AskDevicesToProject()
    {
        foreach (var stored in entities.Values)
        {
            if (stored.SystemOwned && DeviceIdOf(stored.Entity) is { } deviceId)
            {
                GrainFactory.GetGrain<Fleet.Contracts.Devices.IDeviceGrain>(deviceId).Project().Ignore();
            }
        }
    }

    private static string? DeviceIdOf(Entity entity) => entity.Class switch
    {
        "HostAgent" when entity.Key.StartsWith(GraphKeys.HostAgent(""), StringComparison.Ordinal) => entity.Key[GraphKeys.HostAgent("").Length..],
        "Device" when entity.Key.StartsWith(GraphKeys.Device(""), StringComparison.Ordinal) => entity.Key[GraphKeys.Device("").Length..],
        _ => null,
    };

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await pending.FlushAsync();
    }

    public Task<Immutable<Entity[]>> Find(Filter? filter, string[]? types, int? limit)
    {
        // Relative dates were bound by the caller (IGraphSource's contract), so the filter needs no clock.
        var compiled = filter is null ? null : CompiledFilter.Compile(filter, default);
        var max = limit ?? int.MaxValue;
        var result = new List<Entity>();
        // An equality filter (compliant=false) visits only the entities its index names; anything else scans.
        if (filter is not null && index.Candidates(filter, entities.Values.Select(e => e.Entity)) is { } candidates)
        {
            foreach (var id in candidates)
            {
                if (result.Count >= max)
                {
                    break;
                }
                if (entities.TryGetValue(id, out var stored) && Fits(stored.Entity))
                {
                    result.Add(stored.Entity);
                }
            }
        }
        else
        {
            foreach (var stored in entities.Values)
            {
                if (result.Count >= max)
                {
                    break;
                }
                if (Fits(stored.Entity))
                {
                    result.Add(stored.Entity);
                }
            }
        }
        return Task.FromResult(new Immutable<Entity[]>([.. result]));

        bool Fits(Entity entity) =>
            (types is null || types.Contains(entity.Type, StringComparer.Ordinal)) && (compiled is null || compiled.Matches(entity));
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
            var existing = entities.TryGetValue(upsert.Entity.Id, out var held) ? held.ToStored() : null;
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
                next = interner.Intern(next);
                entities[next.Entity.Id] = HeldEntity.Of(next);
                index.Update(existing?.Entity, next.Entity);
                pending.Upsert(next.Entity.Id, next);
            }
        }
        await pending.ChangedAsync();
        return new GraphUpsertCounts(created, updated);
    }

    public async Task<int> Delete(string[] ids)
    {
        var deleted = 0;
        foreach (var id in ids)
        {
            if (entities.Remove(id, out var removed))
            {
                index.Remove(removed.Entity);
                pending.Delete(id);
                deleted++;
            }
        }
        await pending.ChangedAsync();
        return deleted;
    }

    public Task Flush() => pending.FlushAsync();

    public Task<int> Count() => Task.FromResult(entities.Count);

    /// <summary>A <see cref="StoredEntity"/> held by value in the map (an object per entity would cost 40 bytes more).</summary>
    private readonly record struct HeldEntity(Entity Entity, bool SystemOwned, IReadOnlyList<string> SystemProperties)
    {
        public static HeldEntity Of(StoredEntity stored) => new(stored.Entity, stored.SystemOwned, stored.SystemProperties);

        public StoredEntity ToStored() => new(Entity, SystemOwned, SystemProperties);
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Entity partition {Partition} loaded {Count} entities")]
    private static partial void LogLoaded(ILogger logger, string partition, int count);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Entity partition {Partition} could not write {Count} changed rows; will retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string partition, int count);
}
