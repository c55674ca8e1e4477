using Fleet.Agent.Status;
using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;
using Fleet.Compliance.Remediation;

namespace Fleet.Agent.Tests.Status;

public sealed class StatusReportTests
{
    private static readonly DeviceFacts Facts = new()
    {
        Platform = Platform.Linux,
        Distro = "ubuntu",
        OsName = "Ubuntu",
        OsVersion = "24.04",
        Hostname = "ann-laptop",
        MachineId = "m1",
        AgentVersion = "0.1.0",
        DiskEncryption = Fact.Off("/ is on sda2 (ext4) with no dm-crypt device beneath it"),
        Firewall = Fact.On("ufw enabled"),
        ScreenLock = Fact.On("lock-enabled true"),
        ScreenIdleSeconds = NumericFact.Of(300),
        RemoteLogin = Fact.Off(),
        AutomaticUpdates = Fact.On(),
        Applications = [],
    };

    private static (string Output, EvaluationResult Result, Policy Policy) Run(Platform platform, LinuxDesktop desktop)
    {
        var parsed = PolicyParser.Parse("""{ "diskEncryption": "ALWAYS", "firewall": "ALWAYS" }""");
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Errors));
        var result = PolicyEvaluator.Evaluate(parsed.Policy!, Facts with { Platform = platform }, new WaiverSubject("d1", null), DateTimeOffset.UnixEpoch);
        return (StatusReport.Format(result, parsed.Policy!, platform, desktop, 3), result, parsed.Policy!);
    }

    [Fact]
    public void FailingCheck_ShowsFailAndNotCompliant()
    {
        var (output, result, _) = Run(Platform.Linux, LinuxDesktop.Gnome);

        Assert.False(result.Compliant);
        Assert.Contains("Device status: FAIL (NOT compliant)", output);
        Assert.Matches(@"diskEncryption\s+FAIL", output);
        Assert.Matches(@"firewall\s+PASS", output);
    }

    [Theory]
    [InlineData(Platform.Linux, LinuxDesktop.Kde)]
    [InlineData(Platform.Linux, LinuxDesktop.Gnome)]
    [InlineData(Platform.Darwin, LinuxDesktop.Unknown)]
    [InlineData(Platform.Win32, LinuxDesktop.Unknown)]
    public void FailingCheck_ShowsThisPlatformsDirections(Platform platform, LinuxDesktop desktop)
    {
        var (output, _, _) = Run(platform, desktop);
        var expected = RemediationCatalog.For(CheckIds.DiskEncryption, platform, desktop)!;

        Assert.Contains($"[FAIL] diskEncryption — {expected.Title}", output);
        Assert.Contains(expected.DirectionsMarkdown.Split('\n')[0].TrimEnd(), output);
        if (expected.DeepLink is not null)
        {
            Assert.Contains("Open: " + expected.DeepLink, output);
        }
    }

    [Fact]
    public void PassingChecks_GetNoDirections()
    {
        var (output, _, _) = Run(Platform.Darwin, LinuxDesktop.Unknown);
        var firewall = RemediationCatalog.For(CheckIds.Firewall, Platform.Darwin)!;

        Assert.DoesNotContain(firewall.Title, output);
    }
}
