namespace Fleet.Compliance.Evaluation;

/// <summary>
/// One check's outcome. <see cref="Status"/> is always the real status; a waived result keeps it
/// (a "waived FAIL" is <c>Status == Fail</c> with <see cref="Waiver"/> set) and does not count
/// towards the overall status until the waiver expires.
/// </summary>
public sealed record CheckResult(
    string CheckId,
    CheckStatus Status,
    string Detail,
    CheckWaiver? Waiver)
{
    public bool IsWaived => Waiver is not null;

    /// <summary>Whether this result makes the device non-compliant: an unwaived FAIL or UNKNOWN.</summary>
    public bool BreaksCompliance => Waiver is null && Status is CheckStatus.Fail or CheckStatus.Unknown;
}
