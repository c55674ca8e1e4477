namespace Fleet.Grains.History;

/// <summary>
/// Where devices' status changes and activity checkpoints live: rows in the database, never grain state,
/// because they grow without bound. Chosen by <c>Fleet:Storage:Provider</c> (one ADO.NET implementation,
/// SQLite or PostgreSQL driver). Writes are batched across devices; a completed write is durable.
/// </summary>
public interface IHistoryStore
{
    /// <summary>Appends changes; entries already stored (same device, revision, check) are ignored.</summary>
    Task AppendAsync(IReadOnlyList<HistoryEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Upserts a device's activity checkpoint; a time never moves backwards.</summary>
    Task RecordActivityAsync(DeviceActivity activity, CancellationToken cancellationToken = default);

    /// <summary>A device's activity checkpoint, or null.</summary>
    Task<DeviceActivity?> ReadActivityAsync(string deviceId, CancellationToken cancellationToken = default);

    /// <summary>Every activity checkpoint of an account.</summary>
    Task<IReadOnlyList<DeviceActivity>> ReadAccountActivityAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// For the period [from, to): the last entry before <paramref name="from"/> of every device and check of the
    /// account, then every entry inside the period; ordered by device, time, revision.
    /// </summary>
    Task<IReadOnlyList<HistoryEntry>> ReadPeriodAsync(string accountId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>A device's most recent entries, newest first.</summary>
    Task<IReadOnlyList<HistoryEntry>> ReadDeviceAsync(string deviceId, int limit, CancellationToken cancellationToken = default);
}
