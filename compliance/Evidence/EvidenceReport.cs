namespace Fleet.Compliance.Evidence;

/// <summary>Audit evidence for the period [<see cref="From"/>, <see cref="To"/>): per device, per check.</summary>
public sealed record EvidenceReport(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<DeviceEvidence> Devices);

/// <summary>
/// One device over the period. <see cref="PercentOnline"/> is null when connectivity was never recorded in the period.
/// <see cref="LastReportOn"/> is the device's last confirming report as known when the evidence was computed.
/// </summary>
public sealed record DeviceEvidence(
    string DeviceId,
    DateTimeOffset? LastReportOn,
    double? PercentOnline,
    IReadOnlyList<CheckEvidence> Checks);

/// <summary>
/// One check of one device over the period (<see cref="HistoryCheckIds.Overall"/> for the overall status).
/// Percentages are of the time the check had a status inside the period; null when it never had one.
/// </summary>
public sealed record CheckEvidence(
    string CheckId,
    IReadOnlyList<StatusInterval> Intervals,
    double? PercentCompliant,
    int Failures,
    int Fixes,
    double? MeanTimeToFixSeconds,
    double? MaxTimeToFixSeconds,
    DateTimeOffset? LastCheckedOn);

/// <summary>A stretch of time in [From, To) during which a check had one status.</summary>
public sealed record StatusInterval(
    string Status,
    bool Waived,
    DateTimeOffset From,
    DateTimeOffset To);
