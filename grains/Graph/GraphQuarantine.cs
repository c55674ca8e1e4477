using System.Text.Json;
using Fleet.Grains.Graph.Storage;
using Fleet.Hosting.Telemetry;

namespace Fleet.Grains.Graph;

/// <summary>
/// Where a graph partition puts a row the database refused for what it contains (a NUL character on PostgreSQL, a
/// constraint): logged with its key, counted (<c>fleet.storage.quarantined</c>), kept in <c>fleet_quarantine</c> for the
/// operator. The partition then stops retrying it, so it no longer fails every batch it joins.
/// </summary>
public sealed partial class GraphQuarantine(IGraphStore store, TimeProvider time, ILogger<GraphQuarantine> logger)
{
    public async Task QuarantineAsync<TRow>(string accountId, string table, string rowKey, TRow? row, Exception refusal)
    {
        LogQuarantined(logger, refusal, table, accountId, rowKey);
        FleetTelemetry.QuarantinedWrites.Add(1, new KeyValuePair<string, object?>("table", table));
        try
        {
            await store.QuarantineAsync(new QuarantinedRow(time.GetUtcNow(), accountId, table, rowKey, refusal.Message, JsonSerializer.Serialize(row)), CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogQuarantineFailed(logger, ex, table, accountId, rowKey);
        }
    }

    [LoggerMessage(EventId = 6020, Level = LogLevel.Error, Message = "The database refused a row of {Table} (account {AccountId}, row {RowKey}); it is quarantined in fleet_quarantine and not retried")]
    private static partial void LogQuarantined(ILogger logger, Exception exception, string table, string accountId, string rowKey);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Error, Message = "Could not record the refused row of {Table} (account {AccountId}, row {RowKey}) in fleet_quarantine")]
    private static partial void LogQuarantineFailed(ILogger logger, Exception exception, string table, string accountId, string rowKey);
}
