using System.Data.Common;
using Fleet.Hosting.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Fleet.Grains.Storage;

/// <summary>
/// Orleans reminders of the embedded silo, durable in Fleet's SQLite database (<c>fleet_reminders</c>), so a reminder
/// registered before a restart (an alert rule's polling) ticks again after it. Cluster mode keeps Orleans' ADO.NET
/// reminders on PostgreSQL. Reads run off the grain scheduler (<see cref="FleetDatabase.RunAsync{T}"/>); writes go through
/// the silo's <see cref="GroupCommitWriter"/>. Every upsert gives the row a new random ETag (a counter would restart at a
/// remove and re-insert, and an old ETag could then match again); a remove must name the current one.
/// </summary>
public sealed class FleetReminderTable(FleetDatabase database, GroupCommitWriter writer, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_ms, period_ms, etag";
    private readonly string _serviceId = cluster.Value.ServiceId;

    // The table is created by SchemaMigrator before the silo starts; there is nothing to open or close here.
    public Task Init() => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT {Columns} FROM fleet_reminders WHERE service_id = @service AND grain_id = @grain",
            command => FleetDatabase.Add(command, "grain", grainId.ToString()), cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>Rows whose grain hash is in (begin, end]; when begin &gt;= end the range wraps around the ring (all of it when equal).</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        ReadAsync(begin < end
                ? $"SELECT {Columns} FROM fleet_reminders WHERE service_id = @service AND grain_hash > @begin AND grain_hash <= @end"
                : $"SELECT {Columns} FROM fleet_reminders WHERE service_id = @service AND (grain_hash > @begin OR grain_hash <= @end)",
            command =>
            {
                FleetDatabase.Add(command, "begin", (long)begin);
                FleetDatabase.Add(command, "end", (long)end);
            }, cancellationToken);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    /// <summary>The row, or null when the grain has no reminder of that name.</summary>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync($"SELECT {Columns} FROM fleet_reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name",
            command =>
            {
                FleetDatabase.Add(command, "grain", grainId.ToString());
                FleetDatabase.Add(command, "name", reminderName);
            }, cancellationToken);
        return rows.Reminders.FirstOrDefault();
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <summary>Inserts or replaces the reminder (whatever ETag the entry carries, as Orleans' own tables do); returns its new ETag.</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Chosen before the write: the delegate may run twice and must write the same row both times.
        var etag = Guid.NewGuid().ToString("N");
        var grainId = entry.GrainId.ToString();
        var hash = (long)entry.GrainId.GetUniformHashCode();
        var startMs = FleetDatabase.ToMs(new DateTimeOffset(AsUtc(entry.StartAt)));
        var periodMs = (long)entry.Period.TotalMilliseconds;
        await writer.WriteAsync(async transaction =>
        {
            var command = transaction.Command("""
                INSERT INTO fleet_reminders (service_id, grain_id, reminder_name, grain_hash, start_ms, period_ms, etag)
                VALUES (@service, @grain, @name, @hash, @start, @period, @etag)
                ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                    grain_hash = excluded.grain_hash, start_ms = excluded.start_ms, period_ms = excluded.period_ms, etag = excluded.etag
                """);
            FleetDatabase.Add(command, "service", _serviceId);
            FleetDatabase.Add(command, "grain", grainId);
            FleetDatabase.Add(command, "name", entry.ReminderName);
            FleetDatabase.Add(command, "hash", hash);
            FleetDatabase.Add(command, "start", startMs);
            FleetDatabase.Add(command, "period", periodMs);
            FleetDatabase.Add(command, "etag", etag);
            return await command.ExecuteNonQueryAsync();
        });
        return etag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>Removes the row only if it still carries <paramref name="eTag"/>; false when it is gone or was upserted since.</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var grain = grainId.ToString();
        var removed = await writer.WriteAsync(async transaction =>
        {
            var command = transaction.Command("DELETE FROM fleet_reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name AND etag = @etag");
            FleetDatabase.Add(command, "service", _serviceId);
            FleetDatabase.Add(command, "grain", grain);
            FleetDatabase.Add(command, "name", reminderName);
            FleetDatabase.Add(command, "etag", eTag);
            return await command.ExecuteNonQueryAsync();
        });
        return removed == 1;
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        writer.WriteAsync(async transaction =>
        {
            var command = transaction.Command("DELETE FROM fleet_reminders WHERE service_id = @service");
            FleetDatabase.Add(command, "service", _serviceId);
            return await command.ExecuteNonQueryAsync();
        });

    private Task<ReminderTableData> ReadAsync(string sql, Action<DbCommand> parameters, CancellationToken cancellationToken) =>
        database.RunAsync(async () =>
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            FleetDatabase.Add(command, "service", _serviceId);
            parameters(command);
            var entries = new List<ReminderEntry>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new ReminderEntry
                {
                    GrainId = GrainId.Parse(reader.GetString(0)),
                    ReminderName = reader.GetString(1),
                    StartAt = FleetDatabase.FromMs(reader.GetInt64(2)).UtcDateTime,
                    Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                    ETag = reader.GetString(4),
                });
            }
            return new ReminderTableData(entries);
        });

    // The reminder service passes UTC times; an unspecified kind is read as UTC rather than as local time.
    private static DateTime AsUtc(DateTime at) => at.Kind switch
    {
        DateTimeKind.Local => at.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(at, DateTimeKind.Utc),
        _ => at,
    };
}
