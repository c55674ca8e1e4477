using Fleet.Compliance.Evidence;

namespace Fleet.Compliance.Tests.Evidence;

public sealed class ComplianceTrendTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, DateTimeOffset> NoReports = [];

    private static StatusChange At(string device, double hours, string status, string check = "firewall", bool waived = false) =>
        new(device, check, Day1.AddHours(hours), status, waived);

    // Proves each UTC day pools the time of every device: one failing half of day 1 and one passing all along give 75 %.
    [Fact]
    public void A_day_is_the_compliant_time_of_all_devices_over_their_observed_time()
    {
        var evidence = EvidenceCalculator.Compute(Day1, Day1.AddDays(2),
            [At("dev_a", 0, "FAIL"), At("dev_a", 12, "PASS"), At("dev_b", 0, "PASS")], NoReports);

        var trend = ComplianceTrend.Compute(evidence);

        Assert.Equal([new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)], trend.Days.Select(d => d.Date));
        Assert.Equal([75.0, 100.0], trend.Days.Select(d => d.Checks["firewall"]));
        Assert.Equal(["firewall"], trend.Checks);
    }

    // Proves the overall line comes from the overall status, waived failures count as compliant, and a day without data is null.
    [Fact]
    public void The_overall_line_follows_the_overall_status_and_days_without_data_are_empty()
    {
        var evidence = EvidenceCalculator.Compute(Day1, Day1.AddDays(3),
            [At("dev_a", 24, "FAIL", HistoryCheckIds.Overall), At("dev_a", 36, "FAIL", HistoryCheckIds.Overall, waived: true)], NoReports);

        var trend = ComplianceTrend.Compute(evidence);

        Assert.Equal([null, 50.0, 100.0], trend.Days.Select(d => d.PercentCompliant));
        Assert.Empty(trend.Checks);
    }

    // Proves a period that starts or ends inside a day gives partial first and last days, each its own date.
    [Fact]
    public void A_period_not_on_midnight_gives_partial_first_and_last_days()
    {
        var evidence = EvidenceCalculator.Compute(Day1.AddHours(18), Day1.AddHours(30), [At("dev_a", 0, "PASS")], NoReports);

        var trend = ComplianceTrend.Compute(evidence);

        Assert.Equal([new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)], trend.Days.Select(d => d.Date));
    }

    // Proves the checks are listed by id in ordinal order, whatever order the devices reported them in.
    [Fact]
    public void The_checks_are_listed_by_id()
    {
        var evidence = EvidenceCalculator.Compute(Day1, Day1.AddDays(1),
            [At("dev_a", 0, "PASS", "screenLock"), At("dev_a", 0, "PASS", "firewall"), At("dev_b", 0, "FAIL", "diskEncryption")], NoReports);

        Assert.Equal(["diskEncryption", "firewall", "screenLock"], ComplianceTrend.Compute(evidence).Checks);
    }

    [Fact]
    public void A_missing_report_is_refused_by_name()
    {
        var refused = Assert.Throws<ArgumentNullException>(() => ComplianceTrend.Compute(null!));

        Assert.Equal("report", refused.ParamName);
    }
}
