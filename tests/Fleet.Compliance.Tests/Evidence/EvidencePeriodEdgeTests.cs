using Fleet.Compliance.Evidence;

namespace Fleet.Compliance.Tests.Evidence;

/// <summary>
/// The numbers an auditor reads at the edges of the period [from, to): a change exactly at <c>from</c> is inside it,
/// one exactly at <c>to</c> is not, and a failing stretch carried in from before <c>from</c> keeps its real start.
/// </summary>
public sealed class EvidencePeriodEdgeTests
{
    private static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddHours(10);
    private static readonly Dictionary<string, DateTimeOffset> NoReports = [];

    private static StatusChange At(double hours, string? status, bool waived = false) =>
        new("dev_a", "firewall", From.AddHours(hours), status, waived);

    private static CheckEvidence Firewall(params StatusChange[] changes) =>
        EvidenceCalculator.Compute(From, To, changes, NoReports).Devices.Single().Checks.Single();

    // Proves a failure that begins exactly at the start of the period is a failure of this period.
    [Fact]
    public void A_failure_exactly_at_the_start_of_the_period_counts_in_it()
    {
        var check = Firewall(At(-2, "PASS"), At(0, "FAIL"));

        Assert.Equal(1, check.Failures);
        Assert.Equal([new StatusInterval("FAIL", false, From, To)], check.Intervals);
    }

    // Proves a change exactly at the start replaces the carried-in status without leaving a zero-length interval behind.
    [Fact]
    public void A_change_exactly_at_the_start_leaves_no_empty_interval_of_the_carried_in_status()
    {
        var check = Firewall(At(-2, "FAIL"), At(0, "PASS"));

        Assert.Equal([new StatusInterval("PASS", false, From, To)], check.Intervals);
        Assert.Equal((1, 2 * 3600d), (check.Fixes, check.MaxTimeToFixSeconds));
    }

    // Proves a failure exactly at the end of the period belongs to the next period: not counted, no interval.
    [Fact]
    public void A_failure_exactly_at_the_end_of_the_period_is_not_counted()
    {
        var check = Firewall(At(1, "PASS"), At(10, "FAIL"));

        Assert.Equal(0, check.Failures);
        Assert.Equal([new StatusInterval("PASS", false, From.AddHours(1), To)], check.Intervals);
        Assert.Equal(100d, check.PercentCompliant);
    }

    // Proves a device whose only change lies exactly at the end of the period is not in this period's report.
    [Fact]
    public void A_device_first_seen_exactly_at_the_end_of_the_period_is_not_reported()
    {
        var report = EvidenceCalculator.Compute(From, To, [At(10, "FAIL")], NoReports);

        Assert.Empty(report.Devices);
    }

    // Proves the time to fix a stretch carried in from before the period runs from when it first went bad, even when
    // its status changed (FAIL to UNKNOWN) before the period started.
    [Fact]
    public void A_carried_in_failing_stretch_is_timed_from_its_first_bad_status()
    {
        var check = Firewall(At(-5, "FAIL"), At(-3, "UNKNOWN"), At(2, "PASS"));

        Assert.Equal(7 * 3600d, check.MeanTimeToFixSeconds);
        Assert.Equal(0, check.Failures);
    }

    // Proves a stretch that was fixed before the period and failed again before it is timed from the second failure.
    [Fact]
    public void A_failure_fixed_and_failed_again_before_the_period_is_timed_from_the_second_failure()
    {
        var check = Firewall(At(-8, "FAIL"), At(-6, "PASS"), At(-4, "FAIL"), At(1, "PASS"));

        Assert.Equal(5 * 3600d, check.MaxTimeToFixSeconds);
    }

    // Proves changes are read in time order whatever order the history store returned them in.
    [Fact]
    public void Changes_given_out_of_order_are_read_in_time_order()
    {
        var check = Firewall(At(6, "PASS"), At(-1, "PASS"), At(2, "FAIL"));

        Assert.Equal(
            [new StatusInterval("PASS", false, From, From.AddHours(2)), new StatusInterval("FAIL", false, From.AddHours(2), From.AddHours(6)),
             new StatusInterval("PASS", false, From.AddHours(6), To)],
            check.Intervals);
        Assert.Equal((1, 1), (check.Failures, check.Fixes));
    }

    // Proves a failure that lasted no time (a status immediately withdrawn) still counts, and with no observed time the
    // percentage is absent rather than a number.
    [Fact]
    public void A_failure_that_lasted_no_time_counts_and_has_no_percentage()
    {
        var check = Firewall(At(3, "FAIL"), At(3, null));

        Assert.Equal(1, check.Failures);
        Assert.Empty(check.Intervals);
        Assert.Null(check.PercentCompliant);
    }

    // Proves the percentage is rounded to three decimals, as the evidence report prints it.
    [Fact]
    public void The_percentage_is_rounded_to_three_decimals()
    {
        var check = EvidenceCalculator.Compute(From, From.AddHours(3), [At(0, "PASS"), At(1, "FAIL")], NoReports).Devices.Single().Checks.Single();

        Assert.Equal(33.333, check.PercentCompliant);
    }

    // Proves an empty or inverted period is refused.
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_period_that_does_not_end_after_it_starts_is_refused(int hours) =>
        Assert.Throws<ArgumentException>(() => EvidenceCalculator.Compute(From, From.AddHours(hours), [], NoReports));

    // Proves missing inputs are refused as such, not read as an empty history.
    [Fact]
    public void Missing_changes_or_reports_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => EvidenceCalculator.Compute(From, To, null!, NoReports));
        Assert.Throws<ArgumentNullException>(() => EvidenceCalculator.Compute(From, To, [], null!));
    }
}
