using Fleet.Compliance.Evidence;

namespace Fleet.Grains.History;

/// <summary>
/// One row of <c>fleet_check_history</c>: a check (or <see cref="HistoryCheckIds"/> pseudo check) of a device
/// changed from <see cref="OldStatus"/> to <see cref="NewStatus"/> at <see cref="At"/>. <see cref="Revision"/>
/// is the device's change counter: (device, revision, check) is unique, so re-appending is harmless.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.HistoryEntry")]
public sealed record HistoryEntry(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] long Revision,
    [property: Id(3)] string CheckId,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? OldStatus,
    [property: Id(6)] string? NewStatus,
    [property: Id(7)] bool Waived,
    [property: Id(8)] string? Detail)
{
    public StatusChange ToStatusChange() => new(DeviceId, CheckId, At, NewStatus, Waived);
}

/// <summary>A device's last confirming report and last sign of life (<c>fleet_device_activity</c>).</summary>
public sealed record DeviceActivity(
    string AccountId,
    string DeviceId,
    DateTimeOffset? LastReportOn,
    DateTimeOffset? LastSeenOn);
