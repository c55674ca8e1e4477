using System.Collections.Concurrent;
using Fleet.Contracts.Graph;
using Fleet.Query.Evaluation;

namespace Fleet.Grains.Graph.Storage;

/// <summary>
/// A graph store in process memory: for tests (it outlives grain activations and in-process silos, so reloads can be
/// proved) and for the benchmark. Counts its saves so tests can prove that writes are batched.
/// </summary>
public sealed class InMemoryGraphStore : IGraphStore
{
    private readonly ConcurrentDictionary<(string Account, string Table, string Partition), Dictionary<string, object>> rows = new();
    private readonly ConcurrentDictionary<string, GraphCatalog> catalogs = new();
    private readonly ConcurrentDictionary<(string Account, string Table, string Partition), int> savesByPartition = new();
    private int saves;
    private long rowsWritten;

    /// <summary>Number of save calls (each one transaction in a real store).</summary>
    public int Saves => Volatile.Read(ref saves);

    /// <summary>Number of save calls for one entity partition (<c>{class}/{p}</c>) of one account.</summary>
    public int EntitySavesOf(string accountId, string partition) => savesByPartition.GetValueOrDefault((accountId, "entities", partition));

    /// <summary>Number of save calls for one key partition of one account.</summary>
    public int KeySavesOf(string accountId, int partition) =>
        savesByPartition.GetValueOrDefault((accountId, "keys", partition.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Awaited before every key save is applied (tests hold a save open, or fail it, with this).</summary>
    public Func<Task>? BeforeKeySave { get; set; }

    /// <summary>Rows written or deleted over all saves.</summary>
    public long RowsWritten => Interlocked.Read(ref rowsWritten);

    /// <summary>Raised after every save (tests await it instead of sleeping).</summary>
    public event Action? Saved;

    public Task<IReadOnlyList<StoredEntity>> LoadEntitiesAsync(string accountId, string partition, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<StoredEntity>>([.. Load(accountId, "entities", partition).Cast<StoredEntity>()]);

    public Task SaveEntitiesAsync(string accountId, string partition, IReadOnlyCollection<StoredEntity> upserts, IReadOnlyCollection<string> deletedIds, CancellationToken ct) =>
        Save(accountId, "entities", partition, upserts.Select(e => (e.Entity.Id, (object)e)), deletedIds);

    public Task<IReadOnlyList<Relationship>> LoadRelationshipsAsync(string accountId, int partition, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Relationship>>([.. Load(accountId, "relationships", partition.ToString(System.Globalization.CultureInfo.InvariantCulture)).Cast<Relationship>()]);

    public Task SaveRelationshipsAsync(string accountId, int partition, IReadOnlyCollection<Relationship> upserts, IReadOnlyCollection<string> deletedIds, CancellationToken ct) =>
        Save(accountId, "relationships", partition.ToString(System.Globalization.CultureInfo.InvariantCulture), upserts.Select(r => (r.Id, (object)r)), deletedIds);

    public Task<IReadOnlyList<GraphKeyEntry>> LoadKeysAsync(string accountId, int partition, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<GraphKeyEntry>>([.. Load(accountId, "keys", partition.ToString(System.Globalization.CultureInfo.InvariantCulture)).Cast<GraphKeyEntry>()]);

    public async Task SaveKeysAsync(string accountId, int partition, IReadOnlyCollection<GraphKeyEntry> upserts, IReadOnlyCollection<string> deletedKeys, CancellationToken ct)
    {
        if (BeforeKeySave is { } before)
        {
            await before();
        }
        await Save(accountId, "keys", partition.ToString(System.Globalization.CultureInfo.InvariantCulture), upserts.Select(k => (k.Key, (object)k)), deletedKeys);
    }

    public Task<GraphCatalog?> LoadCatalogAsync(string accountId, CancellationToken ct) => Task.FromResult(catalogs.GetValueOrDefault(accountId));

    public Task SaveCatalogAsync(string accountId, GraphCatalog catalog, CancellationToken ct)
    {
        catalogs[accountId] = catalog;
        return Task.CompletedTask;
    }

    public ConcurrentQueue<QuarantinedRow> Quarantined { get; } = new();

    public Task QuarantineAsync(QuarantinedRow row, CancellationToken ct)
    {
        Quarantined.Enqueue(row);
        return Task.CompletedTask;
    }

    /// <summary>Stored entity rows of one account (all partitions).</summary>
    public int EntityRows(string accountId) => rows.Where(r => r.Key.Account == accountId && r.Key.Table == "entities").Sum(r => { lock (r.Value) { return r.Value.Count; } });

    private List<object> Load(string accountId, string table, string partition)
    {
        if (!rows.TryGetValue((accountId, table, partition), out var partitionRows))
        {
            return [];
        }
        lock (partitionRows)
        {
            return [.. partitionRows.Values];
        }
    }

    private Task Save(string accountId, string table, string partition, IEnumerable<(string Id, object Row)> upserts, IEnumerable<string> deletes)
    {
        var partitionRows = rows.GetOrAdd((accountId, table, partition), _ => new Dictionary<string, object>(StringComparer.Ordinal));
        var written = 0;
        lock (partitionRows)
        {
            foreach (var (id, row) in upserts)
            {
                partitionRows[id] = row;
                written++;
            }
            foreach (var id in deletes)
            {
                partitionRows.Remove(id);
                written++;
            }
        }
        Interlocked.Increment(ref saves);
        savesByPartition.AddOrUpdate((accountId, table, partition), 1, (_, count) => count + 1);
        Interlocked.Add(ref rowsWritten, written);
        Saved?.Invoke();
        return Task.CompletedTask;
    }
}
