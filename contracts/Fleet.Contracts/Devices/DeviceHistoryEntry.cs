namespace Fleet.Contracts.Devices;

/// <summary>
/// One recorded change of a device: a check (or <c>$status</c>, <c>$online</c>) went from
/// <see cref="OldStatus"/> to <see cref="NewStatus"/> (null: not evaluated) at <see cref="At"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.DeviceHistoryEntry")]
public sealed record DeviceHistoryEntry(
    [property: Id(0)] string CheckId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? OldStatus,
    [property: Id(3)] string? NewStatus,
    [property: Id(4)] bool Waived,
    [property: Id(5)] string? Detail);
