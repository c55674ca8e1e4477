using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Grains.History;
using Fleet.Grains.Storage;

namespace Fleet.Grains.Devices;

/// <summary>
/// A device's persisted state (state name <c>device</c>): bounded — the last facts and results, never history.
/// Written only when facts, results or connectivity change. Last-seen lives in memory and is checkpointed to
/// <c>fleet_device_activity</c>; <see cref="LastSeenOn"/> here is its value at the last state write.
/// Its outbox (<see cref="PendingHistory"/>) goes to the history table in the state's own transaction where the storage
/// allows (<see cref="IStateOutbox"/>).
/// </summary>
[GenerateSerializer, Alias("fleet.DeviceState")]
public sealed class DeviceState : IStateOutbox
{
    [Id(0)]
    public string? AccountId { get; set; }
    [Id(1)]
    public string? PersonId { get; set; }
    [Id(2)]
    public string? PersonEmail { get; set; }
    /// <summary>SHA-256 hex of the current agent token; the token itself is never stored.</summary>
    [Id(3)]
    public string? AgentTokenHash { get; set; }
    [Id(4)]
    public DateTimeOffset EnrolledOn { get; set; }
    [Id(5)]
    public DeviceFacts? Facts { get; set; }
    [Id(6)]
    public DateTimeOffset? CollectedOn { get; set; }
    [Id(7)]
    public long LastSequence { get; set; }
    [Id(8)]
    public ComplianceStatus? Status { get; set; }
    [Id(9)]
    public bool Compliant { get; set; }
    [Id(10)]
    public List<CheckResult> Checks { get; set; } = [];
    [Id(11)]
    public long PolicyVersion { get; set; }
    [Id(12)]
    public DateTimeOffset? StatusChangedOn { get; set; }
    [Id(13)]
    public bool Online { get; set; }
    [Id(14)]
    public DateTimeOffset? LastSeenOn { get; set; }
    [Id(15)]
    public DateTimeOffset? LastReportOn { get; set; }
    /// <summary>Counts recorded changes; part of each history row's key, so re-appending them is harmless.</summary>
    [Id(16)]
    public long Revision { get; set; }
    /// <summary>
    /// Outbox: history rows written with the state and appended to the history table right after. Rows still
    /// here on activation (a crash in between) are appended again; the table ignores the ones it has.
    /// </summary>
    [Id(17)]
    public List<HistoryEntry> PendingHistory { get; set; } = [];

    OutboxWrite? IStateOutbox.PendingWrite()
    {
        if (PendingHistory.Count == 0) return null;
        HistoryEntry[] rows = [.. PendingHistory];
        return new OutboxWrite(rows.Length, transaction => AdoNetHistoryStore.InsertAsync(transaction, rows));
    }

    // Only the rows that were written: the list is the grain's, which appends to it and never reorders it.
    void IStateOutbox.Committed(OutboxWrite write) => PendingHistory.RemoveRange(0, Math.Min(write.Count, PendingHistory.Count));
}
