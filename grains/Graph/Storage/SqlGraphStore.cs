using System.Data.Common;
using Fleet.Contracts.Graph;
using Fleet.Grains.Storage;
using Fleet.Hosting.Storage;
using Fleet.Query.Evaluation;

namespace Fleet.Grains.Graph.Storage;

/// <summary>
/// The graph store on SQLite (embedded) or PostgreSQL (cluster), chosen by <c>Fleet:Storage:Provider</c>; same tables,
/// same SQL (both speak <c>INSERT … ON CONFLICT DO UPDATE</c>). A save is a run of prepared statements committed by the
/// silo's <see cref="GroupCommitWriter"/>, together with whatever else the silo writes at that moment: one writer, so
/// partition flushes never wait on SQLite's write lock behind grain state writes. Reads run off the grain's turn.
/// </summary>
public sealed class SqlGraphStore(FleetDatabase database, GroupCommitWriter writer) : IGraphStore
{

    public Task<IReadOnlyList<StoredEntity>> LoadEntitiesAsync(string accountId, string partition, CancellationToken ct) =>
        RunAsync(async connection =>
        {
            await using var command = Command(connection,
                "SELECT id, entity_key, class, type, display_name, properties, system_owned, system_properties FROM fleet_graph_entities WHERE account_id = @a AND partition_key = @p",
                ("a", accountId), ("p", partition));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var result = new List<StoredEntity>();
            while (await reader.ReadAsync(ct))
            {
                var entity = new Entity(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    GraphRowJson.Properties(reader.GetString(5)));
                result.Add(new StoredEntity(entity, Convert.ToInt64(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture) != 0,
                    GraphRowJson.Names(reader.GetString(7))));
            }
            return (IReadOnlyList<StoredEntity>)result;
        });

    public Task SaveEntitiesAsync(string accountId, string partition, IReadOnlyCollection<StoredEntity> upserts, IReadOnlyCollection<string> deletedIds, CancellationToken ct) =>
        writer.WriteAsync(async transaction =>
        {
            if (upserts.Count > 0)
            {
                var upsert = Command(transaction, """
                    INSERT INTO fleet_graph_entities (account_id, partition_key, id, entity_key, class, type, display_name, properties, system_owned, system_properties)
                    VALUES (@a, @p, @id, @k, @c, @t, @n, @props, @s, @sp)
                    ON CONFLICT (account_id, partition_key, id) DO UPDATE SET entity_key = excluded.entity_key, class = excluded.class,
                        type = excluded.type, display_name = excluded.display_name, properties = excluded.properties, system_owned = excluded.system_owned,
                        system_properties = excluded.system_properties
                    """, ("a", accountId), ("p", partition), ("id", ""), ("k", ""), ("c", ""), ("t", ""), ("n", ""), ("props", ""), ("s", 0), ("sp", ""));
                foreach (var stored in upserts)
                {
                    var e = stored.Entity;
                    Set(upsert, ("id", e.Id), ("k", e.Key), ("c", e.Class), ("t", e.Type), ("n", e.DisplayName),
                        ("props", GraphRowJson.Properties(e.Properties)), ("s", stored.SystemOwned ? 1 : 0), ("sp", GraphRowJson.Names(stored.SystemProperties)));
                    await upsert.ExecuteNonQueryAsync(ct);
                }
            }
            await DeleteAsync(transaction, "DELETE FROM fleet_graph_entities WHERE account_id = @a AND partition_key = @p AND id = @id",
                accountId, partition, deletedIds, ct);
            return 0;
        });

    public Task<IReadOnlyList<Relationship>> LoadRelationshipsAsync(string accountId, int partition, CancellationToken ct) =>
        RunAsync(async connection =>
        {
            await using var command = Command(connection,
                "SELECT id, class, from_id, to_id, properties FROM fleet_graph_relationships WHERE account_id = @a AND partition_no = @p",
                ("a", accountId), ("p", partition));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var result = new List<Relationship>();
            while (await reader.ReadAsync(ct))
            {
                result.Add(new Relationship(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), GraphRowJson.Properties(reader.GetString(4))));
            }
            return (IReadOnlyList<Relationship>)result;
        });

    public Task SaveRelationshipsAsync(string accountId, int partition, IReadOnlyCollection<Relationship> upserts, IReadOnlyCollection<string> deletedIds, CancellationToken ct) =>
        writer.WriteAsync(async transaction =>
        {
            if (upserts.Count > 0)
            {
                var upsert = Command(transaction, """
                    INSERT INTO fleet_graph_relationships (account_id, partition_no, id, class, from_id, to_id, properties)
                    VALUES (@a, @p, @id, @c, @f, @t, @props)
                    ON CONFLICT (account_id, partition_no, id) DO UPDATE SET class = excluded.class, from_id = excluded.from_id,
                        to_id = excluded.to_id, properties = excluded.properties
                    """, ("a", accountId), ("p", partition), ("id", ""), ("c", ""), ("f", ""), ("t", ""), ("props", ""));
                foreach (var r in upserts)
                {
                    Set(upsert, ("id", r.Id), ("c", r.Class), ("f", r.FromId), ("t", r.ToId), ("props", GraphRowJson.Properties(r.Properties)));
                    await upsert.ExecuteNonQueryAsync(ct);
                }
            }
            await DeleteAsync(transaction, "DELETE FROM fleet_graph_relationships WHERE account_id = @a AND partition_no = @p AND id = @id",
                accountId, partition, deletedIds, ct);
            return 0;
        });

    public Task<IReadOnlyList<GraphKeyEntry>> LoadKeysAsync(string accountId, int partition, CancellationToken ct) =>
        RunAsync(async connection =>
        {
            await using var command = Command(connection,
                "SELECT entity_key, id, class, system_owned FROM fleet_graph_keys WHERE account_id = @a AND partition_no = @p",
                ("a", accountId), ("p", partition));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var result = new List<GraphKeyEntry>();
            while (await reader.ReadAsync(ct))
            {
                result.Add(new GraphKeyEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture) != 0));
            }
            return (IReadOnlyList<GraphKeyEntry>)result;
        });

    public Task SaveKeysAsync(string accountId, int partition, IReadOnlyCollection<GraphKeyEntry> upserts, IReadOnlyCollection<string> deletedKeys, CancellationToken ct) =>
        writer.WriteAsync(async transaction =>
        {
            if (upserts.Count > 0)
            {
                var upsert = Command(transaction, """
                    INSERT INTO fleet_graph_keys (account_id, partition_no, entity_key, id, class, system_owned)
                    VALUES (@a, @p, @k, @id, @c, @s)
                    ON CONFLICT (account_id, partition_no, entity_key) DO UPDATE SET id = excluded.id, class = excluded.class, system_owned = excluded.system_owned
                    """, ("a", accountId), ("p", partition), ("k", ""), ("id", ""), ("c", ""), ("s", 0));
                foreach (var k in upserts)
                {
                    Set(upsert, ("k", k.Key), ("id", k.Id), ("c", k.Class), ("s", k.SystemOwned ? 1 : 0));
                    await upsert.ExecuteNonQueryAsync(ct);
                }
            }
            await DeleteAsync(transaction, "DELETE FROM fleet_graph_keys WHERE account_id = @a AND partition_no = @p AND entity_key = @id",
                accountId, partition, deletedKeys, ct);
            return 0;
        });

    public Task<GraphCatalog?> LoadCatalogAsync(string accountId, CancellationToken ct) =>
        RunAsync(async connection =>
        {
            await using var command = Command(connection, "SELECT catalog FROM fleet_graph_catalog WHERE account_id = @a", ("a", accountId));
            return await command.ExecuteScalarAsync(ct) is string json ? GraphRowJson.Catalog(json) : null;
        });

    public Task SaveCatalogAsync(string accountId, GraphCatalog catalog, CancellationToken ct) =>
        writer.WriteAsync(async transaction =>
        {
            var command = Command(transaction, """
                INSERT INTO fleet_graph_catalog (account_id, catalog) VALUES (@a, @c)
                ON CONFLICT (account_id) DO UPDATE SET catalog = excluded.catalog
                """, ("a", accountId), ("c", GraphRowJson.Catalog(catalog)));
            await command.ExecuteNonQueryAsync(ct);
            return 0;
        });

    public Task QuarantineAsync(QuarantinedRow row, CancellationToken ct) =>
        writer.WriteAsync(async transaction =>
        {
            var command = Command(transaction, """
                INSERT INTO fleet_quarantine (at_ms, account_id, table_name, row_key, error, payload) VALUES (@at, @a, @t, @k, @e, @p)
                """, ("at", row.At.ToUnixTimeMilliseconds()), ("a", row.AccountId), ("t", row.Table), ("k", Printable(row.RowKey)),
                ("e", Printable(row.Error)), ("p", row.Payload));
            await command.ExecuteNonQueryAsync(ct);
            return 0;
        });

    /// <summary>Control characters (the NUL that got the row refused) written as <c>\u0000</c>, so the quarantine row itself is stored.</summary>
    private static string Printable(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) : text;

    private static async Task DeleteAsync(BatchTransaction transaction, string sql, string accountId, object partition,
        IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }
        var delete = Command(transaction, sql, ("a", accountId), ("p", partition), ("id", ""));
        foreach (var id in ids)
        {
            Set(delete, ("id", id));
            await delete.ExecuteNonQueryAsync(ct);
        }
    }

    private Task<T> RunAsync<T>(Func<DbConnection, Task<T>> read) =>
        database.RunAsync(async () =>
        {
            await using var connection = await database.OpenAsync();
            return await read(connection);
        });

    /// <summary>A read's command, on a connection of its own.</summary>
    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return Bind(command, parameters);
    }

    /// <summary>A write's command: the writer's, compiled once, in the batch's transaction.</summary>
    private static DbCommand Command(BatchTransaction transaction, string sql, params (string Name, object Value)[] parameters) =>
        Bind(transaction.Command(sql), parameters);

    private static DbCommand Bind(DbCommand command, (string Name, object Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static void Set(DbCommand command, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            command.Parameters["@" + name].Value = value;
        }
    }
}
