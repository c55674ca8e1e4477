using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Evidence;

namespace Fleet.Grains.History;

/// <summary>What changed between two evaluations of one device, as history rows. Pure.</summary>
public static class DeviceTransitions
{
    public static List<HistoryEntry> Compute(
        string accountId, string deviceId, long revision, DateTimeOffset at,
        ComplianceStatus? oldStatus, IReadOnlyList<CheckResult> oldChecks, EvaluationResult result)
    {
        var entries = new List<HistoryEntry>();
        if (oldStatus != result.Status)
            entries.Add(new HistoryEntry(accountId, deviceId, revision, HistoryCheckIds.Overall, at, oldStatus?.ToWire(), result.Status.ToWire(), false, null));

        var old = new Dictionary<string, CheckResult>(StringComparer.Ordinal);
        foreach (var check in oldChecks) old[check.CheckId] = check;
        foreach (var check in result.Checks)
        {
            old.Remove(check.CheckId, out var before);
            if (before is not null && before.Status == check.Status && before.IsWaived == check.IsWaived) continue;
            entries.Add(new HistoryEntry(accountId, deviceId, revision, check.CheckId, at, before?.Status.ToWire(), check.Status.ToWire(), check.IsWaived, check.Detail));
        }
        // Checks no longer evaluated (removed from the policy): their status ends here.
        foreach (var removed in old.Values.OrderBy(c => c.CheckId, StringComparer.Ordinal))
            entries.Add(new HistoryEntry(accountId, deviceId, revision, removed.CheckId, at, removed.Status.ToWire(), null, false, null));
        return entries;
    }

    /// <summary>Ids of checks whose result differs in any way (status, waiver, detail), added or removed.</summary>
    public static List<string> ChangedCheckIds(IReadOnlyList<CheckResult> oldChecks, IReadOnlyList<CheckResult> newChecks)
    {
        var old = new Dictionary<string, CheckResult>(StringComparer.Ordinal);
        foreach (var check in oldChecks) old[check.CheckId] = check;
        var changed = new List<string>();
        foreach (var check in newChecks)
        {
            if (!old.Remove(check.CheckId, out var before) || before != check) changed.Add(check.CheckId);
        }
        changed.AddRange(old.Keys.Order(StringComparer.Ordinal));
        return changed;
    }
}
