namespace Fleet.Compliance.Tests.Evaluation;

using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

/// <summary>A distro id selects a bracket or filter only on Linux: a stray distro value on another platform changes nothing.</summary>
public sealed class PlatformDistroTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly Policy Brackets = PolicyParser.Parse("""
        osVersion:
          darwin:
            ok: ">=14"
          ubuntu:
            ok: ">=24.04"
        applications:
          - name: Carbon Black
            assertion: ALWAYS
            platform:
              ubuntu: "*"
        """).Policy!;

    private static readonly DeviceFacts MacWithStrayDistro = new()
    {
        Platform = Platform.Darwin, Distro = "ubuntu", OsName = "macOS", OsVersion = "14.6.1", Applications = [],
    };

    // Proves a Mac is held to the darwin bracket even if its facts carry a distro id.
    [Fact]
    public void A_mac_with_a_distro_value_uses_the_darwin_bracket()
    {
        var result = PolicyEvaluator.Evaluate(Brackets, MacWithStrayDistro, new("d1", null), Now);

        Assert.Equal(CheckStatus.Pass, result.Find(CheckIds.OsVersion)!.Status);
    }

    // Proves an application filtered to a distro does not apply to a Mac that carries that distro id.
    [Fact]
    public void A_distro_filtered_application_does_not_apply_to_a_mac_with_that_distro_value()
    {
        var result = PolicyEvaluator.Evaluate(Brackets, MacWithStrayDistro, new("d1", null), Now);

        Assert.Null(result.Find("app:Carbon Black"));
    }

    // Proves the same distro id on Linux does select the distro's bracket and filter.
    [Fact]
    public void On_linux_the_distro_selects_its_bracket_and_filter()
    {
        var ubuntu = new DeviceFacts { Platform = Platform.Linux, Distro = "ubuntu", OsName = "Ubuntu", OsVersion = "22.04", Applications = [] };

        var result = PolicyEvaluator.Evaluate(Brackets, ubuntu, new("d1", null), Now);

        Assert.Equal(CheckStatus.Fail, result.Find(CheckIds.OsVersion)!.Status);
        Assert.Equal(CheckStatus.Fail, result.Find("app:Carbon Black")!.Status);
    }
}
