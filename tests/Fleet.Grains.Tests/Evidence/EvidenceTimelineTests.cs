using Fleet.Compliance.Evidence;
using Fleet.Contracts.Evidence;
using Fleet.Grains.Devices;
using Fleet.Grains.Tests.Devices;
using Fleet.Grains.Tests.Infrastructure;
using static Fleet.Grains.Tests.Devices.TestDevices;

namespace Fleet.Grains.Tests.Evidence;

public sealed class EvidenceTimelineTests(SiloClusterFixture fixture) : IClassFixture<SiloClusterFixture>
{
    // Proves the whole path: device grain → history rows → evidence grain → calculator, on a scripted fake-time timeline.
    [Fact]
    public async Task Evidence_for_a_scripted_timeline_has_exact_numbers()
    {
        var grains = fixture.Client;
        var account = await CreateAccountAsync(grains, FirewallAndDisk);
        var t0 = fixture.Time.GetUtcNow();
        var (deviceId, device) = await EnrollAsync(grains, account, Facts());                  // t0: PASS

        fixture.Time.Advance(TimeSpan.FromHours(1));
        await device.Report(1, fixture.Time.GetUtcNow(), Facts(firewall: false));               // t0+1h: online, FAIL
        fixture.Time.Advance(TimeSpan.FromMinutes(30));                                         // offline at t0+1h03
        await device.Report(2, fixture.Time.GetUtcNow(), Facts(firewall: false));               // t0+1h30: online, unchanged
        fixture.Time.Advance(TimeSpan.FromHours(1));                                            // offline at t0+1h33
        await device.Report(3, fixture.Time.GetUtcNow(), Facts());                              // t0+2h30: online, PASS
        fixture.Time.Advance(TimeSpan.FromMinutes(30));                                         // offline at t0+2h33
        await fixture.Changes.WaitAsync(c => c.DeviceId == deviceId && c.Kind == DeviceChangeKind.Connectivity && !c.Online && c.At == t0.AddMinutes(153));

        var report = await grains.GetGrain<IEvidenceGrain>(account).Compute(t0, t0.AddHours(3));

        var evidence = Assert.Single(report.Devices);
        Assert.Equal(deviceId, evidence.DeviceId);
        Assert.Equal(7.5, evidence.PercentOnline);                                               // 9 of 120 observed minutes
        var firewall = evidence.Checks.Single(c => c.CheckId == "firewall");
        Assert.Equal(
            [new StatusInterval("PASS", false, t0, t0.AddHours(1)),
             new StatusInterval("FAIL", false, t0.AddHours(1), t0.AddMinutes(150)),
             new StatusInterval("PASS", false, t0.AddMinutes(150), t0.AddHours(3))],
            firewall.Intervals);
        Assert.Equal(50, firewall.PercentCompliant);
        Assert.Equal((1, 1, 5400d, 5400d), (firewall.Failures, firewall.Fixes, firewall.MeanTimeToFixSeconds, firewall.MaxTimeToFixSeconds));
        var disk = evidence.Checks.Single(c => c.CheckId == "diskEncryption");
        Assert.Equal((100d, 0), (disk.PercentCompliant, disk.Failures));
        var overall = evidence.Checks[0];
        Assert.Equal((HistoryCheckIds.Overall, 50d, 1), (overall.CheckId, overall.PercentCompliant, overall.Failures));
    }
}
