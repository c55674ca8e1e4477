namespace Fleet.Compliance.Evidence;

/// <summary>
/// One recorded change of one check (or <see cref="HistoryCheckIds"/> pseudo check) of one device:
/// from this instant on, the check had <see cref="Status"/> (null: no longer evaluated, e.g. removed from the policy).
/// </summary>
public sealed record StatusChange(
    string DeviceId,
    string CheckId,
    DateTimeOffset At,
    string? Status,
    bool Waived);
