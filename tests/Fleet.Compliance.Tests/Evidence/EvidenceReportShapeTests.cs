using Fleet.Compliance.Evidence;

namespace Fleet.Compliance.Tests.Evidence;

/// <summary>What the evidence report contains and in which order: devices by id, the overall status first, connectivity apart.</summary>
public sealed class EvidenceReportShapeTests
{
    private static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddHours(10);
    private static readonly Dictionary<string, DateTimeOffset> NoReports = [];

    private static StatusChange At(string device, string check, double hours, string? status) =>
        new(device, check, From.AddHours(hours), status, false);

    // Proves devices are listed by id, whatever order their history arrived in.
    [Fact]
    public void Devices_are_listed_by_id()
    {
        var report = EvidenceCalculator.Compute(From, To, [At("dev_b", "firewall", 1, "PASS"), At("dev_a", "firewall", 1, "PASS"), At("dev_c", "firewall", 1, "PASS")], NoReports);

        Assert.Equal(["dev_a", "dev_b", "dev_c"], report.Devices.Select(d => d.DeviceId));
    }

    // Proves the overall status comes first, then the checks by id.
    [Fact]
    public void The_overall_status_comes_first_then_checks_by_id()
    {
        var report = EvidenceCalculator.Compute(From, To,
            [At("dev_a", "screenLock", 1, "PASS"), At("dev_a", HistoryCheckIds.Overall, 1, "PASS"), At("dev_a", "app:zoom", 1, "PASS"), At("dev_a", "firewall", 1, "PASS")],
            NoReports);

        Assert.Equal([HistoryCheckIds.Overall, "app:zoom", "firewall", "screenLock"], report.Devices.Single().Checks.Select(c => c.CheckId));
    }

    // Proves connectivity becomes the device's % online (time ONLINE over time with a connectivity record), not a check.
    [Fact]
    public void Connectivity_is_the_percent_online_and_not_a_check()
    {
        var report = EvidenceCalculator.Compute(From, To,
            [At("dev_a", HistoryCheckIds.Connectivity, 0, HistoryCheckIds.Online), At("dev_a", HistoryCheckIds.Connectivity, 6, HistoryCheckIds.Offline),
             At("dev_a", "firewall", 0, "PASS")],
            NoReports);

        var device = report.Devices.Single();
        Assert.Equal(60d, device.PercentOnline);
        Assert.Equal(["firewall"], device.Checks.Select(c => c.CheckId));
    }

    // Proves a device with only connectivity history is still reported, with its % online.
    [Fact]
    public void A_device_with_only_connectivity_is_reported()
    {
        var report = EvidenceCalculator.Compute(From, To, [At("dev_a", HistoryCheckIds.Connectivity, 0, HistoryCheckIds.Offline)], NoReports);

        var device = report.Devices.Single();
        Assert.Equal(0d, device.PercentOnline);
        Assert.Empty(device.Checks);
    }

    // Proves a check that had no status at any time in the period (removed from the policy before it) is left out,
    // and a device with nothing else is left out too.
    [Fact]
    public void A_check_without_any_status_in_the_period_is_left_out()
    {
        var report = EvidenceCalculator.Compute(From, To, [At("dev_a", "firewall", -4, "PASS"), At("dev_a", "firewall", -2, null)], NoReports);

        Assert.Empty(report.Devices);
    }

    // Proves a device whose checks have no status in the period is not listed even when other devices are.
    [Fact]
    public void Only_devices_with_evidence_are_listed()
    {
        var report = EvidenceCalculator.Compute(From, To,
            [At("dev_a", "firewall", -2, null), At("dev_b", "firewall", 1, "FAIL")], NoReports);

        Assert.Equal(["dev_b"], report.Devices.Select(d => d.DeviceId));
    }

    // Proves a check's last-checked time is the device's last report while the check is evaluated, and absent once it is not.
    [Fact]
    public void The_last_check_is_the_last_report_only_while_the_check_is_evaluated()
    {
        var lastReport = From.AddHours(9);
        var report = EvidenceCalculator.Compute(From, To,
            [At("dev_a", "firewall", 1, "PASS"), At("dev_a", "screenLock", 1, "FAIL"), At("dev_a", "screenLock", 5, null)],
            new Dictionary<string, DateTimeOffset> { ["dev_a"] = lastReport });

        var device = report.Devices.Single();
        Assert.Equal(lastReport, device.LastReportOn);
        Assert.Equal(lastReport, device.Checks.Single(c => c.CheckId == "firewall").LastCheckedOn);
        Assert.Null(device.Checks.Single(c => c.CheckId == "screenLock").LastCheckedOn);
    }
}
