namespace Fleet.Compliance.Evaluation;

/// <summary>A device's overall status: the worst of its unwaived checks (FAIL, then UNKNOWN, then NUDGE).</summary>
public enum ComplianceStatus
{
    Pass = 0,
    Nudge = 1,
    Fail = 2,
    Unknown = 3,
}
