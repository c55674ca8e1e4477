namespace Fleet.Compliance.Tests.Evaluation;

using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

/// <summary>When it cannot be told whether a platform-filtered application applies, the result is UNKNOWN, never skipped.</summary>
public sealed class ApplicationApplicabilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly Policy Filtered = PolicyParser.Parse("""
        applications:
          - name: Carbon Black
            assertion: ALWAYS
            platform:
              win32: "*"
              ubuntu: ">=22.04"
        """).Policy!;

    // Proves a device of unknown platform is not silently excused from a platform-filtered application.
    [Fact]
    public void An_unknown_platform_makes_a_filtered_application_unknown()
    {
        var result = PolicyEvaluator.Evaluate(Filtered, new DeviceFacts { Platform = Platform.Unknown, Applications = [] }, new("d1", null), Now);

        var check = result.Find("app:Carbon Black")!;
        Assert.Equal(CheckStatus.Unknown, check.Status);
        Assert.Contains("platform is unknown", check.Detail);
    }

    // Proves an unreadable OS version is not read as "outside the filter's range": the entry is UNKNOWN.
    [Fact]
    public void An_unreadable_os_version_makes_a_version_filtered_application_unknown()
    {
        var facts = new DeviceFacts { Platform = Platform.Linux, Distro = "ubuntu", OsVersion = "rolling", Applications = [] };

        var check = PolicyEvaluator.Evaluate(Filtered, facts, new("d1", null), Now).Find("app:Carbon Black")!;

        Assert.Equal(CheckStatus.Unknown, check.Status);
        Assert.Contains("OS version could not be read", check.Detail);
    }
}
