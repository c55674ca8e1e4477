using System.Data.Common;
using System.Threading.Channels;
using Fleet.Silo.Storage;

namespace Fleet.Silo.History;

/// <summary>
/// <see cref="IHistoryStore"/> over SQLite or PostgreSQL (the same SQL for both). Writes from all devices of
/// this silo go through one queue and are committed together, one transaction per batch: on SQLite a commit
/// (an fsync) costs more than the rows, so a burst of reports after a policy change costs a few commits.
/// </summary>
public sealed partial class AdoNetHistoryStore : IHistoryStore, IAsyncDisposable
{
    private const int MaxBatch = 500;
    private const string Columns = "account_id, device_id, revision, check_id, at_ms, old_status, new_status, waived, detail";

    private readonly FleetDatabase _database;
    private readonly ILogger<AdoNetHistoryStore> _logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public AdoNetHistoryStore(FleetDatabase database, ILogger<AdoNetHistoryStore> logger)
    {
        _database = database;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    public Task AppendAsync(IReadOnlyList<HistoryEntry> entries, CancellationToken cancellationToken = default) =>
        entries.Count == 0 ? Task.CompletedTask : Enqueue(new PendingWrite(entries, null));

    public Task RecordActivityAsync(DeviceActivity activity, CancellationToken cancellationToken = default) =>
        Enqueue(new PendingWrite(null, activity));

    private Task Enqueue(PendingWrite write)
    {
        if (!_queue.Writer.TryWrite(write)) throw new InvalidOperationException("The history store is shutting down.");
        return write.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write)) batch.Add(write);
            try
            {
                await WriteBatchAsync(batch);
                foreach (var write in batch) write.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                LogBatchFailed(_logger, ex, batch.Count);
                foreach (var write in batch) write.Done.TrySetException(ex);
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingWrite> batch)
    {
        await using var connection = await _database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var write in batch)
        {
            if (write.Entries is { } entries)
            {
                foreach (var entry in entries) await InsertEntryAsync(connection, transaction, entry);
            }
            if (write.Activity is { } activity) await UpsertActivityAsync(connection, transaction, activity);
        }
        await transaction.CommitAsync();
    }

    private static async Task InsertEntryAsync(DbConnection connection, DbTransaction transaction, HistoryEntry entry)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO fleet_check_history ({Columns})
            VALUES (@account, @device, @revision, @check, @at, @old, @new, @waived, @detail)
            ON CONFLICT DO NOTHING
            """;
        FleetDatabase.Add(command, "account", entry.AccountId);
        FleetDatabase.Add(command, "device", entry.DeviceId);
        FleetDatabase.Add(command, "revision", entry.Revision);
        FleetDatabase.Add(command, "check", entry.CheckId);
        FleetDatabase.Add(command, "at", FleetDatabase.ToMs(entry.At));
        FleetDatabase.Add(command, "old", entry.OldStatus);
        FleetDatabase.Add(command, "new", entry.NewStatus);
        FleetDatabase.Add(command, "waived", entry.Waived ? 1 : 0);
        FleetDatabase.Add(command, "detail", entry.Detail);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task UpsertActivityAsync(DbConnection connection, DbTransaction transaction, DeviceActivity activity)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // CASE rather than MAX/GREATEST: the two databases treat NULL differently in those.
        command.CommandText = """
            INSERT INTO fleet_device_activity (device_id, account_id, last_report_ms, last_seen_ms)
            VALUES (@device, @account, @report, @seen)
            ON CONFLICT (device_id) DO UPDATE SET
              last_report_ms = CASE WHEN excluded.last_report_ms IS NULL
                                      OR (fleet_device_activity.last_report_ms IS NOT NULL AND fleet_device_activity.last_report_ms > excluded.last_report_ms)
                                    THEN fleet_device_activity.last_report_ms ELSE excluded.last_report_ms END,
              last_seen_ms = CASE WHEN excluded.last_seen_ms IS NULL
                                    OR (fleet_device_activity.last_seen_ms IS NOT NULL AND fleet_device_activity.last_seen_ms > excluded.last_seen_ms)
                                  THEN fleet_device_activity.last_seen_ms ELSE excluded.last_seen_ms END
            """;
        FleetDatabase.Add(command, "device", activity.DeviceId);
        FleetDatabase.Add(command, "account", activity.AccountId);
        FleetDatabase.Add(command, "report", activity.LastReportOn is { } r ? FleetDatabase.ToMs(r) : null);
        FleetDatabase.Add(command, "seen", activity.LastSeenOn is { } s ? FleetDatabase.ToMs(s) : null);
        await command.ExecuteNonQueryAsync();
    }

    public Task<DeviceActivity?> ReadActivityAsync(string deviceId, CancellationToken cancellationToken = default) =>
        _database.RunAsync(async () =>
        {
            var rows = await ReadActivityRowsAsync("device_id = @key", deviceId, cancellationToken);
            return rows.Count == 0 ? null : rows[0];
        });

    public Task<IReadOnlyList<DeviceActivity>> ReadAccountActivityAsync(string accountId, CancellationToken cancellationToken = default) =>
        _database.RunAsync(() => ReadActivityRowsAsync("account_id = @key", accountId, cancellationToken));

    private async Task<IReadOnlyList<DeviceActivity>> ReadActivityRowsAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
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
        _database.RunAsync(async () =>
        {
            await using var connection = await _database.OpenAsync(cancellationToken);
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
        _database.RunAsync(async () =>
        {
            await using var connection = await _database.OpenAsync(cancellationToken);
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

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private sealed record PendingWrite(IReadOnlyList<HistoryEntry>? Entries, DeviceActivity? Activity)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Writing a batch of {Count} history writes failed; the callers see the error and keep their changes pending")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
