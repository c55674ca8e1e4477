using System.Data.Common;
using Fleet.Grains.Storage;
using Fleet.Hosting.Storage;

namespace Fleet.Grains.History;

/// <summary>
/// <see cref="IHistoryStore"/> over SQLite or PostgreSQL (the same SQL for both). Appends go through the silo's
/// <see cref="GroupCommitWriter"/>, so a burst of reports after a policy change costs a few commits, shared with the
/// grain state writes of the same moment.
/// </summary>
public sealed class AdoNetHistoryStore(FleetDatabase database, GroupCommitWriter writer) : IHistoryStore
{
    private const string Columns = "account_id, device_id, revision, check_id, at_ms, old_status, new_status, waived, detail";

    private const string InsertSql = $"""
        INSERT INTO fleet_check_history ({Columns})
        VALUES (@account, @device, @revision, @check, @at, @old, @new, @waived, @detail)
        ON CONFLICT DO NOTHING
        """;

    public Task AppendAsync(IReadOnlyList<HistoryEntry> entries, CancellationToken cancellationToken = default) =>
        entries.Count == 0 ? Task.CompletedTask : writer.WriteAsync(async transaction =>
        {
            await InsertAsync(transaction, entries);
            return true;
        });

    /// <summary>The statements of an append, for a write that carries them in its own transaction (a device state's outbox).</summary>
    public static async Task InsertAsync(BatchTransaction transaction, IReadOnlyList<HistoryEntry> entries)
    {
        // One command for all the rows, its parameters rebound per row (an enrolment appends a row per check).
        var command = transaction.Command(InsertSql);
        string[] names = ["@account", "@device", "@revision", "@check", "@at", "@old", "@new", "@waived", "@detail"];
        var parameters = names.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        foreach (var entry in entries)
        {
            object?[] values = [entry.AccountId, entry.DeviceId, entry.Revision, entry.CheckId, FleetDatabase.ToMs(entry.At),
                entry.OldStatus, entry.NewStatus, entry.Waived ? 1 : 0, entry.Detail];
            for (var k = 0; k < values.Length; k++)
            {
                parameters[k].Value = values[k] ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync();
        }
    }

    public Task RecordActivityAsync(DeviceActivity activity, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(async transaction =>
        {
            await UpsertActivityAsync(transaction, activity);
            return true;
        });

    private static async Task UpsertActivityAsync(BatchTransaction transaction, DeviceActivity activity)
    {
        // CASE rather than MAX/GREATEST: the two databases treat NULL differently in those.
        var command = transaction.Command("""
            INSERT INTO fleet_device_activity (device_id, account_id, last_report_ms, last_seen_ms)
            VALUES (@device, @account, @report, @seen)
            ON CONFLICT (device_id) DO UPDATE SET
              last_report_ms = CASE WHEN excluded.last_report_ms IS NULL
                                      OR (fleet_device_activity.last_report_ms IS NOT NULL AND fleet_device_activity.last_report_ms > excluded.last_report_ms)
                                    THEN fleet_device_activity.last_report_ms ELSE excluded.last_report_ms END,
              last_seen_ms = CASE WHEN excluded.last_seen_ms IS NULL
                                    OR (fleet_device_activity.last_seen_ms IS NOT NULL AND fleet_device_activity.last_seen_ms > excluded.last_seen_ms)
                                  THEN fleet_device_activity.last_seen_ms ELSE excluded.last_seen_ms END
            """);
        FleetDatabase.Add(command, "device", activity.DeviceId);
        FleetDatabase.Add(command, "account", activity.AccountId);
        FleetDatabase.Add(command, "report", activity.LastReportOn is { } r ? FleetDatabase.ToMs(r) : null);
        FleetDatabase.Add(command, "seen", activity.LastSeenOn is { } s ? FleetDatabase.ToMs(s) : null);
        await command.ExecuteNonQueryAsync();
    }

    public Task<DeviceActivity?> ReadActivityAsync(string deviceId, CancellationToken cancellationToken = default) =>
        database.RunAsync(async () =>
        {
            var rows = await ReadActivityRowsAsync("device_id = @key", deviceId, cancellationToken);
            return rows.Count == 0 ? null : rows[0];
        });

    public Task<IReadOnlyList<DeviceActivity>> ReadAccountActivityAsync(string accountId, CancellationToken cancellationToken = default) =>
        database.RunAsync(() => ReadActivityRowsAsync("account_id = @key", accountId, cancellationToken));

    private async Task<IReadOnlyList<DeviceActivity>> ReadActivityRowsAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT account_id, device_id, last_report_ms, last_seen_ms FROM fleet_device_activity WHERE {where}";
        FleetDatabase.Add(command, "key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<DeviceActivity>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DeviceActivity(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : FleetDatabase.FromMs(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : FleetDatabase.FromMs(reader.GetInt64(3))));
        }
        return rows;
    }

    public Task<IReadOnlyList<HistoryEntry>> ReadPeriodAsync(string accountId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        database.RunAsync(async () =>
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {Columns} FROM fleet_check_history h
                WHERE h.account_id = @account AND h.at_ms < @from
                  AND h.revision = (SELECT MAX(p.revision) FROM fleet_check_history p
                                    WHERE p.device_id = h.device_id AND p.check_id = h.check_id AND p.at_ms < @from)
                UNION ALL
                SELECT {Columns} FROM fleet_check_history
                WHERE account_id = @account AND at_ms >= @from AND at_ms < @to
                ORDER BY 2, 5, 3
                """;
            FleetDatabase.Add(command, "account", accountId);
            FleetDatabase.Add(command, "from", FleetDatabase.ToMs(from));
            FleetDatabase.Add(command, "to", FleetDatabase.ToMs(to));
            return await ReadEntriesAsync(command, cancellationToken);
        });

    public Task<IReadOnlyList<HistoryEntry>> ReadDeviceAsync(string deviceId, int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync(async () =>
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM fleet_check_history WHERE device_id = @device ORDER BY revision DESC, check_id DESC LIMIT @limit";
            FleetDatabase.Add(command, "device", deviceId);
            FleetDatabase.Add(command, "limit", limit);
            return await ReadEntriesAsync(command, cancellationToken);
        });

    private static async Task<IReadOnlyList<HistoryEntry>> ReadEntriesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<HistoryEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new HistoryEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt64(2),
                reader.GetString(3),
                FleetDatabase.FromMs(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                Convert.ToInt64(reader.GetValue(7)) != 0,
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        return entries;
    }
}
