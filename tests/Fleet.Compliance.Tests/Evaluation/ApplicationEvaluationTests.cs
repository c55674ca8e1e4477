namespace Fleet.Compliance.Tests.Evaluation;

using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

/// <summary>Application entries: assertions, versions, platform filters, results keyed by name.</summary>
public sealed class ApplicationEvaluationTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly Policy Apps = PolicyParser.Parse("""
        applications:
          - name: Slack
            assertion: ALWAYS
            version: ">=4.35"
          - name: Little Snitch
            assertion: ALWAYS
            platform: darwin
          - name: Carbon Black
            assertion: ALWAYS
            platform:
              win32: "*"
              ubuntu: ">=22.04"
          - name: uTorrent
            assertion: NEVER
          - name: 1Password
            assertion: SUGGESTED
        """).Policy!;

    private static EvaluationResult Evaluate(DeviceFacts facts) => PolicyEvaluator.Evaluate(Apps, facts, new("d1", null), Now);

    [Fact]
    public void Evaluate_FilteredEntryInTheMiddle_ResultsKeyedByName()
    {
        var facts = new DeviceFacts
        {
            Platform = Platform.Linux, Distro = "fedora", OsVersion = "40",
            Applications = [new("slack", "4.36.1"), new("1Password", "8.10")],
        };

        var result = Evaluate(facts);

        Assert.Equal(["app:Slack", "app:uTorrent", "app:1Password"], result.Checks.Select(c => c.CheckId));
        Assert.Equal(CheckStatus.Pass, result.Find("app:uTorrent")!.Status);
    }

    [Fact]
    public void Evaluate_PlatformMapWithOsRange_AppliesOnlyInsideTheRange()
    {
        var inside = Evaluate(new DeviceFacts { Platform = Platform.Linux, Distro = "ubuntu", OsVersion = "24.04", Applications = [] });
        var outside = Evaluate(new DeviceFacts { Platform = Platform.Linux, Distro = "ubuntu", OsVersion = "20.04", Applications = [] });

        Assert.Equal(CheckStatus.Fail, inside.Find("app:Carbon Black")!.Status);
        Assert.Null(outside.Find("app:Carbon Black"));
    }

    [Theory]
    [InlineData(null, CheckStatus.Fail)]
    [InlineData("4.36.1", CheckStatus.Pass)]
    [InlineData("4.20.0", CheckStatus.Fail)]
    [InlineData("", CheckStatus.Unknown)]
    public void Evaluate_AlwaysWithVersionRange(string? installedVersion, CheckStatus expected)
    {
        IReadOnlyList<InstalledApplication> installed = installedVersion is null ? [] : [new("SLACK", installedVersion == "" ? null : installedVersion)];
        var facts = new DeviceFacts { Platform = Platform.Darwin, Applications = installed };

        Assert.Equal(expected, Evaluate(facts).Find("app:Slack")!.Status);
    }

    [Fact]
    public void Evaluate_NeverAndInstalled_Fails()
    {
        var facts = new DeviceFacts { Platform = Platform.Win32, Applications = [new("uTorrent", "3.6")] };

        Assert.Equal(CheckStatus.Fail, Evaluate(facts).Find("app:uTorrent")!.Status);
    }

    [Fact]
    public void Evaluate_SuggestedAndMissing_Nudges()
    {
        var facts = new DeviceFacts { Platform = Platform.Win32, Applications = [] };

        Assert.Equal(CheckStatus.Nudge, Evaluate(facts).Find("app:1Password")!.Status);
    }

    [Fact]
    public void Evaluate_InventoryUnknown_AlwaysAndNeverAreUnknown()
    {
        var facts = new DeviceFacts { Platform = Platform.Darwin, Applications = null, ApplicationsUnknownReason = "no Full Disk Access" };

        var result = Evaluate(facts);

        Assert.Equal(CheckStatus.Unknown, result.Find("app:Slack")!.Status);
        Assert.Equal(CheckStatus.Unknown, result.Find("app:uTorrent")!.Status);
        Assert.Equal("could not read: no Full Disk Access", result.Find("app:Slack")!.Detail);
        Assert.Equal(ComplianceStatus.Unknown, result.Status);
    }

    [Fact]
    public void Evaluate_InventoryUnknown_SuggestedIsNudge()
    {
        var facts = new DeviceFacts { Platform = Platform.Darwin, Applications = null };

        Assert.Equal(CheckStatus.Nudge, Evaluate(facts).Find("app:1Password")!.Status);
    }

    // One package source failed (snapd down): a banned app missing from the rest is not shown absent.
    [Fact]
    public void Evaluate_IncompleteInventory_NeverAndMissing_IsUnknownNotPass()
    {
        var facts = new DeviceFacts { Platform = Platform.Linux, Applications = [new("slack", "4.36.1")], ApplicationsUnknownReason = "the application list is incomplete: `snap` exited 1" };

        var check = Evaluate(facts).Find("app:uTorrent")!;

        Assert.Equal(CheckStatus.Unknown, check.Status);
        Assert.Contains("snap", check.Detail);
    }

    // What an incomplete list does hold is installed: a banned app found in it still fails.
    [Fact]
    public void Evaluate_IncompleteInventory_NeverAndFound_Fails()
    {
        var facts = new DeviceFacts { Platform = Platform.Linux, Applications = [new("uTorrent", "3.6")], ApplicationsUnknownReason = "incomplete" };

        Assert.Equal(CheckStatus.Fail, Evaluate(facts).Find("app:uTorrent")!.Status);
    }

    // A required app missing from an incomplete list may be in the failed source.
    [Fact]
    public void Evaluate_IncompleteInventory_AlwaysAndMissing_IsUnknownNotFail()
    {
        var facts = new DeviceFacts { Platform = Platform.Darwin, Applications = [], ApplicationsUnknownReason = "incomplete" };

        Assert.Equal(CheckStatus.Unknown, Evaluate(facts).Find("app:Slack")!.Status);
    }
}
