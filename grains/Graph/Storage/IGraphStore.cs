using Fleet.Contracts.Graph;
using Fleet.Query.Evaluation;

namespace Fleet.Grains.Graph.Storage;

/// <summary>
/// An entity as stored: the entity, whether the system owns it (agent-backed, see GraphKeys), and the names of the
/// properties the system published last (the system's part of the bag; the rest came through the API).
/// </summary>
public sealed record StoredEntity(Entity Entity, bool SystemOwned, IReadOnlyList<string> SystemProperties)
{
    public StoredEntity(Entity entity, bool systemOwned)
        : this(entity, systemOwned, [])
    {
    }
}

/// <summary>
/// Rows of the graph partitions (tables <c>fleet_graph_*</c>). Each partition grain loads its own rows on activation and
/// saves its coalesced changes; a save is one transaction. Implementations: SQLite, PostgreSQL, memory.
/// </summary>
public interface IGraphStore
{
    Task<IReadOnlyList<StoredEntity>> LoadEntitiesAsync(string accountId, string partition, CancellationToken ct);

    Task SaveEntitiesAsync(string accountId, string partition, IReadOnlyCollection<StoredEntity> upserts, IReadOnlyCollection<string> deletedIds, CancellationToken ct);

    Task<IReadOnlyList<Relationship>> LoadRelationshipsAsync(string accountId, int partition, CancellationToken ct);

    Task SaveRelationshipsAsync(string accountId, int partition, IReadOnlyCollection<Relationship> upserts, IReadOnlyCollection<string> deletedIds, CancellationToken ct);

    Task<IReadOnlyList<GraphKeyEntry>> LoadKeysAsync(string accountId, int partition, CancellationToken ct);

    Task SaveKeysAsync(string accountId, int partition, IReadOnlyCollection<GraphKeyEntry> upserts, IReadOnlyCollection<string> deletedKeys, CancellationToken ct);

    Task<GraphCatalog?> LoadCatalogAsync(string accountId, CancellationToken ct);

    Task SaveCatalogAsync(string accountId, GraphCatalog catalog, CancellationToken ct);

    /// <summary>Keeps a row the database refused (table <c>fleet_quarantine</c>) for the operator, instead of retrying it.</summary>
    Task QuarantineAsync(QuarantinedRow row, CancellationToken ct);
}

/// <summary>A graph row the database refused for what it contains: where it was going, why, and the row as JSON.</summary>
public sealed record QuarantinedRow(DateTimeOffset At, string AccountId, string Table, string RowKey, string Error, string Payload);
