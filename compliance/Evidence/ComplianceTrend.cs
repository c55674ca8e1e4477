namespace Fleet.Compliance.Evidence;

/// <summary>
/// The fleet's % compliant per UTC day, overall (<see cref="HistoryCheckIds.Overall"/>) and per check, from an
/// <see cref="EvidenceReport"/>'s intervals. Pure. A day's value is the time all devices spent compliant that day
/// ÷ the time they had a status that day × 100 (the evidence formula, pooled over devices); null when no device
/// had a status that day.
/// </summary>
public static class ComplianceTrend
{
    public static TrendReport Compute(EvidenceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var firstDay = Midnight(report.From);
        var dayCount = (int)Math.Ceiling((report.To - firstDay).TotalDays);
        // Per check: observed and compliant seconds per day, filled by spreading each interval over the days it spans.
        var totals = new Dictionary<string, (double[] Observed, double[] Compliant)>(StringComparer.Ordinal);
        foreach (var check in report.Devices.SelectMany(d => d.Checks))
        {
            if (!totals.TryGetValue(check.CheckId, out var sums))
                totals[check.CheckId] = sums = (new double[dayCount], new double[dayCount]);
            foreach (var interval in check.Intervals)
            {
                var good = EvidenceCalculator.IsCompliant(interval.Status, interval.Waived);
                for (var at = interval.From; at < interval.To;)
                {
                    var day = (int)(Midnight(at) - firstDay).TotalDays;
                    var next = Midnight(at).AddDays(1);
                    var seconds = ((next < interval.To ? next : interval.To) - at).TotalSeconds;
                    sums.Observed[day] += seconds;
                    if (good) sums.Compliant[day] += seconds;
                    at = next;
                }
            }
        }

        var days = new List<TrendDay>(dayCount);
        for (var day = 0; day < dayCount; day++)
        {
            var percents = totals.ToDictionary(t => t.Key, t => Percent(t.Value.Observed[day], t.Value.Compliant[day]), StringComparer.Ordinal);
            days.Add(new TrendDay(DateOnly.FromDateTime(firstDay.AddDays(day).UtcDateTime), percents.GetValueOrDefault(HistoryCheckIds.Overall), percents));
        }
        var checks = totals.Keys.Where(id => id != HistoryCheckIds.Overall).Order(StringComparer.Ordinal).ToList();
        return new TrendReport(report.From, report.To, checks, days);
    }

    private static DateTimeOffset Midnight(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    private static double? Percent(double observed, double compliant) =>
        observed > 0 ? Math.Round(compliant / observed * 100, 1) : null;
}

/// <summary>% compliant per day over [<see cref="From"/>, <see cref="To"/>); <see cref="Checks"/> lists the policy checks seen.</summary>
public sealed record TrendReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Checks, IReadOnlyList<TrendDay> Days);

/// <summary>One UTC day: overall % compliant and each check's (keyed by check id, the overall under <see cref="HistoryCheckIds.Overall"/>).</summary>
public sealed record TrendDay(DateOnly Date, double? PercentCompliant, IReadOnlyDictionary<string, double?> Checks);
