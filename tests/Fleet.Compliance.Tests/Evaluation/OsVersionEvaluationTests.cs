namespace Fleet.Compliance.Tests.Evaluation;

using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

/// <summary>OS version brackets: normalised versions, ok/nudge/fail, distro before platform.</summary>
public sealed class OsVersionEvaluationTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly Policy Brackets = PolicyParser.Parse("""
        osVersion:
          darwin: { ok: ">=14.6.1", nudge: ">=14.0" }
          win32: { ok: ">=10.0.22631", nudge: ">=10.0.22621" }
          ubuntu: { ok: ">=22.04", nudge: ">=20.04" }
          linux: { ok: ">=40" }
        """).Policy!;

    [Theory]
    [InlineData(Platform.Darwin, null, "14.6.1", CheckStatus.Pass)]
    [InlineData(Platform.Darwin, null, "15.1", CheckStatus.Pass)]
    [InlineData(Platform.Darwin, null, "14.5", CheckStatus.Nudge)]
    [InlineData(Platform.Darwin, null, "13.6.9", CheckStatus.Fail)]
    [InlineData(Platform.Win32, null, "10.0.22631", CheckStatus.Pass)]
    [InlineData(Platform.Win32, null, "10.0.22631.4037", CheckStatus.Pass)]
    [InlineData(Platform.Win32, null, "10.0.22621.2861", CheckStatus.Nudge)]
    [InlineData(Platform.Win32, null, "10.0.19045", CheckStatus.Fail)]
    [InlineData(Platform.Linux, "ubuntu", "22.04", CheckStatus.Pass)]
    [InlineData(Platform.Linux, "ubuntu", "24.04", CheckStatus.Pass)]
    [InlineData(Platform.Linux, "ubuntu", "20.04", CheckStatus.Nudge)]
    [InlineData(Platform.Linux, "ubuntu", "18.04", CheckStatus.Fail)]
    [InlineData(Platform.Linux, "fedora", "40", CheckStatus.Pass)]
    [InlineData(Platform.Linux, "fedora", "39", CheckStatus.Fail)]
    [InlineData(Platform.Linux, null, "40", CheckStatus.Pass)]
    [InlineData(Platform.Darwin, null, "Sonoma", CheckStatus.Unknown)]
    [InlineData(Platform.Darwin, null, "", CheckStatus.Unknown)]
    public void Evaluate_OsVersion_UsesTheDevicesBracket(Platform platform, string? distro, string version, CheckStatus expected)
    {
        var facts = new DeviceFacts { Platform = platform, Distro = distro, OsVersion = version };

        var check = Assert.Single(PolicyEvaluator.Evaluate(Brackets, facts, new("d1", null), Now).Checks);

        Assert.Equal(CheckIds.OsVersion, check.CheckId);
        Assert.Equal(expected, check.Status);
    }

    [Fact]
    public void Evaluate_DistroBracket_BeatsLinuxBracket()
    {
        // 22.04 is far below the linux bracket's ">=40" but inside ubuntu's own.
        var facts = new DeviceFacts { Platform = Platform.Linux, Distro = "ubuntu", OsVersion = "22.04" };

        Assert.Equal(CheckStatus.Pass, PolicyEvaluator.Evaluate(Brackets, facts, new("d1", null), Now).Checks[0].Status);
    }

    [Fact]
    public void Evaluate_NoBracketForPlatform_NotReported()
    {
        var policy = PolicyParser.Parse("osVersion: { ubuntu: { ok: \">=22.04\" } }").Policy!;
        var facts = new DeviceFacts { Platform = Platform.Darwin, OsVersion = "14.6" };

        Assert.Empty(PolicyEvaluator.Evaluate(policy, facts, new("d1", null), Now).Checks);
    }

    [Fact]
    public void Evaluate_UnknownPlatform_IsUnknownNotSkipped()
    {
        var facts = new DeviceFacts { Platform = Platform.Unknown, OsVersion = "14.6" };

        Assert.Equal(CheckStatus.Unknown, PolicyEvaluator.Evaluate(Brackets, facts, new("d1", null), Now).Checks[0].Status);
    }

    [Theory]
    [InlineData("22.04", "22.4.0")]
    [InlineData("14.6.1", "14.6.1")]
    [InlineData("10.0.22631", "10.0.22631")]
    [InlineData("10.0.22631.4037", "10.0.22631")]
    [InlineData("40", "40.0.0")]
    [InlineData("6.8.0-45-generic", "6.8.0")]
    public void TryParseVersion_OsVersion_NormalisedToMajorMinorPatch(string text, string expected)
    {
        Assert.True(VersionText.TryParseVersion(text, out var version));
        Assert.Equal(expected, version.ToString());
    }
}
