using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Evaluation;

/// <summary>
/// A device's evaluation against one policy. Compared by value (checks included), so an
/// unchanged re-evaluation can be recognised without a storage write.
/// </summary>
public sealed record EvaluationResult(
    ComplianceStatus Status,
    bool Compliant,
    IReadOnlyList<CheckResult> Checks)
{
    /// <summary>The ids of unwaived FAIL and UNKNOWN checks, in check order (the graph's <c>failing</c>).</summary>
    public IReadOnlyList<string> NonCompliantCheckIds()
    {
        var ids = new List<string>();
        foreach (var check in Checks)
        {
            if (check.BreaksCompliance) ids.Add(check.CheckId);
        }
        return ValueList<string>.From(ids);
    }

    public CheckResult? Find(string checkId)
    {
        foreach (var check in Checks)
        {
            if (check.CheckId == checkId) return check;
        }
        return null;
    }
}
