namespace Fleet.Compliance.Evidence;

/// <summary>
/// Computes audit evidence from recorded status changes. Pure: the same changes give the same report.
/// Formulas (docs/compliance-core.md):
/// <list type="bullet">
/// <item>intervals: each change starts a status that lasts until the next change, clipped to [from, to);
/// the last change before <c>from</c> gives the status the period starts with.</item>
/// <item>% compliant = time with a compliant status (PASS, NUDGE, UNSUPPORTED, or a waived FAIL/UNKNOWN) ÷ time with any status × 100.</item>
/// <item>failures = changes inside the period from a compliant status (or none) to a non-compliant one.</item>
/// <item>time to fix = for every change inside the period from non-compliant back to compliant: its time minus the
/// start of that non-compliant stretch (which may lie before <c>from</c>); mean and max in seconds.</item>
/// </list>
/// </summary>
public static class EvidenceCalculator
{
    /// <param name="changes">The last change before <paramref name="from"/> of every device and check, and every change in
    /// [<paramref name="from"/>, <paramref name="to"/>). Ties in time keep their order in this sequence.</param>
    /// <param name="lastReports">Each device's last confirming report, where known.</param>
    public static EvidenceReport Compute(
        DateTimeOffset from,
        DateTimeOffset to,
        IEnumerable<StatusChange> changes,
        IReadOnlyDictionary<string, DateTimeOffset> lastReports)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(lastReports);
        if (to <= from) throw new ArgumentException("The period must end after it starts.", nameof(to));

        var devices = new List<DeviceEvidence>();
        foreach (var device in changes.Where(c => c.At < to).GroupBy(c => c.DeviceId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            DateTimeOffset? lastReport = lastReports.TryGetValue(device.Key, out var reported) ? reported : null;
            double? percentOnline = null;
            var checks = new List<CheckEvidence>();
            foreach (var check in device.GroupBy(c => c.CheckId, StringComparer.Ordinal).OrderBy(g => SortKey(g.Key), StringComparer.Ordinal))
            {
                var ordered = check.OrderBy(c => c.At).ToList();
                if (check.Key == HistoryCheckIds.Connectivity)
                {
                    percentOnline = ForCheck(check.Key, ordered, from, to, IsOnline, lastReport).PercentCompliant;
                    continue;
                }
                var evidence = ForCheck(check.Key, ordered, from, to, IsCompliant, lastReport);
                if (evidence.Intervals.Count > 0 || evidence.Failures > 0) checks.Add(evidence);
            }
            if (checks.Count > 0 || percentOnline is not null) devices.Add(new DeviceEvidence(device.Key, lastReport, percentOnline, checks));
        }
        return new EvidenceReport(from, to, devices);
    }

    /// <summary>A status that does not break compliance: PASS, NUDGE, UNSUPPORTED, or anything waived.</summary>
    public static bool IsCompliant(string status, bool waived) =>
        waived || status is "PASS" or "NUDGE" or "UNSUPPORTED";

    private static bool IsOnline(string status, bool waived) => status == HistoryCheckIds.Online;

    // The overall status first, then checks by id.
    private static string SortKey(string checkId) => checkId == HistoryCheckIds.Overall ? "" : checkId;

    private static CheckEvidence ForCheck(
        string checkId, List<StatusChange> changes, DateTimeOffset from, DateTimeOffset to,
        Func<string, bool, bool> good, DateTimeOffset? lastReport)
    {
        var intervals = new List<StatusInterval>();
        StatusChange? current = null;
        DateTimeOffset? badSince = null;
        var segmentStart = from;
        int failures = 0;
        var fixes = new List<TimeSpan>();

        foreach (var change in changes)
        {
            var wasBad = current?.Status is { } s && !good(s, current.Waived);
            var isBad = change.Status is { } n && !good(n, change.Waived);
            if (change.At < from)
            {
                badSince = isBad ? (wasBad ? badSince : change.At) : null;
                current = change;
                continue;
            }

            if (current?.Status is { } status && change.At > segmentStart)
                intervals.Add(new StatusInterval(status, current.Waived, segmentStart, change.At));

            if (isBad && !wasBad)
            {
                failures++;
                badSince = change.At;
            }
            else if (wasBad && !isBad)
            {
                if (change.Status is not null && badSince is { } since) fixes.Add(change.At - since);
                badSince = null;
            }
            current = change;
            segmentStart = change.At;
        }
        if (current?.Status is { } last && to > segmentStart)
            intervals.Add(new StatusInterval(last, current.Waived, segmentStart, to));

        var observed = intervals.Aggregate(TimeSpan.Zero, (sum, i) => sum + (i.To - i.From));
        var compliant = intervals.Where(i => good(i.Status, i.Waived)).Aggregate(TimeSpan.Zero, (sum, i) => sum + (i.To - i.From));
        double? percent = observed > TimeSpan.Zero ? Math.Round(compliant / observed * 100, 3) : null;
        return new CheckEvidence(
            checkId,
            intervals,
            percent,
            failures,
            fixes.Count,
            fixes.Count > 0 ? fixes.Average(f => f.TotalSeconds) : null,
            fixes.Count > 0 ? fixes.Max(f => f.TotalSeconds) : null,
            current?.Status is not null ? lastReport : null);
    }
}
