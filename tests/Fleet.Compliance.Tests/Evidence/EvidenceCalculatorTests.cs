using Fleet.Compliance.Evidence;

namespace Fleet.Compliance.Tests.Evidence;

public sealed class EvidenceCalculatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, DateTimeOffset> NoReports = [];

    private static StatusChange At(double hours, string? status, bool waived = false, string check = "firewall") =>
        new("dev_a", check, T0.AddHours(hours), status, waived);

    [Fact]
    public void A_status_carried_in_from_before_the_period_starts_the_first_interval()
    {
        var report = EvidenceCalculator.Compute(T0, T0.AddHours(10), [At(-5, "FAIL"), At(2, "PASS")], NoReports);

        var check = report.Devices.Single().Checks.Single();
        Assert.Equal([new StatusInterval("FAIL", false, T0, T0.AddHours(2)), new StatusInterval("PASS", false, T0.AddHours(2), T0.AddHours(10))], check.Intervals);
        Assert.Equal(80, check.PercentCompliant);
        Assert.Equal(0, check.Failures);                       // the failure began before the period
        Assert.Equal(7 * 3600, check.MeanTimeToFixSeconds);    // but its fix counts, from when it began
    }

    [Fact]
    public void Time_to_fix_is_the_mean_and_max_of_every_failing_stretch_fixed_in_the_period()
    {
        var report = EvidenceCalculator.Compute(T0, T0.AddHours(10),
            [At(0, "PASS"), At(1, "FAIL"), At(2, "UNKNOWN"), At(4, "PASS"), At(6, "FAIL"), At(7, "NUDGE")], NoReports);

        var check = report.Devices.Single().Checks.Single();
        Assert.Equal((2, 2), (check.Failures, check.Fixes));
        Assert.Equal((2 * 3600, 3 * 3600), (check.MeanTimeToFixSeconds, check.MaxTimeToFixSeconds));
        Assert.Equal(60, check.PercentCompliant);
    }

    [Fact]
    public void A_waived_failure_counts_as_compliant()
    {
        var report = EvidenceCalculator.Compute(T0, T0.AddHours(4), [At(0, "FAIL", waived: true)], NoReports);

        var check = report.Devices.Single().Checks.Single();
        Assert.Equal((100d, 0), (check.PercentCompliant, check.Failures));
        Assert.True(check.Intervals.Single().Waived);
    }

    [Fact]
    public void Time_without_a_status_is_not_counted_either_way()
    {
        var report = EvidenceCalculator.Compute(T0, T0.AddHours(10), [At(5, "FAIL"), At(6, null)], NoReports);

        var check = report.Devices.Single().Checks.Single();
        Assert.Equal([new StatusInterval("FAIL", false, T0.AddHours(5), T0.AddHours(6))], check.Intervals);
        Assert.Equal((0d, 1, 0), (check.PercentCompliant, check.Failures, check.Fixes));
        Assert.Null(check.LastCheckedOn);
    }

    [Fact]
    public void Changes_after_the_period_are_ignored_and_the_last_report_is_the_last_check()
    {
        var lastReport = T0.AddHours(1);
        var report = EvidenceCalculator.Compute(T0, T0.AddHours(2), [At(0, "PASS"), At(3, "FAIL")], new Dictionary<string, DateTimeOffset> { ["dev_a"] = lastReport });

        var check = report.Devices.Single().Checks.Single();
        Assert.Equal((100d, 0, (DateTimeOffset?)lastReport), (check.PercentCompliant, check.Failures, check.LastCheckedOn));
    }

    [Fact]
    public void An_empty_or_reversed_period_is_refused()
    {
        Assert.Throws<ArgumentException>(() => EvidenceCalculator.Compute(T0, T0, [], NoReports));
    }
}
