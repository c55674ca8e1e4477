using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Grains.History;

namespace Fleet.Grains.Devices;

/// <summary>
/// A device's persisted state (state name <c>device</c>): bounded — the last facts and results, never history.
/// Written only when facts, results or connectivity change. Last-seen lives in memory and is checkpointed to
/// <c>fleet_device_activity</c>; <see cref="LastSeenOn"/> here is its value at the last state write.
/// </summary>
public sealed class DeviceState
{
    public string? AccountId { get; set; }
    public string? PersonId { get; set; }
    public string? PersonEmail { get; set; }
    /// <summary>SHA-256 hex of the current agent token; the token itself is never stored.</summary>
    public string? AgentTokenHash { get; set; }
    public DateTimeOffset EnrolledOn { get; set; }
    public DeviceFacts? Facts { get; set; }
    public DateTimeOffset? CollectedOn { get; set; }
    public long LastSequence { get; set; }
    public ComplianceStatus? Status { get; set; }
    public bool Compliant { get; set; }
    public List<CheckResult> Checks { get; set; } = [];
    public long PolicyVersion { get; set; }
    public DateTimeOffset? StatusChangedOn { get; set; }
    public bool Online { get; set; }
    public DateTimeOffset? LastSeenOn { get; set; }
    public DateTimeOffset? LastReportOn { get; set; }
    /// <summary>Counts recorded changes; part of each history row's key, so re-appending them is harmless.</summary>
    public long Revision { get; set; }
    /// <summary>
    /// Outbox: history rows written with the state and appended to the history table right after. Rows still
    /// here on activation (a crash in between) are appended again; the table ignores the ones it has.
    /// </summary>
    public List<HistoryEntry> PendingHistory { get; set; } = [];
}
