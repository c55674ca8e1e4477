namespace Fleet.Compliance.Tests.Evaluation;

using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

/// <summary>Overall status precedence, compliance, ordering, determinism and the wire form.</summary>
public sealed class OverallStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    // firewall → FAIL when off, diskEncryption → UNKNOWN when unknown, automaticUpdates (SUGGESTED) → NUDGE when off.
    private static readonly Policy ThreeChecks = Policy.Empty with
    {
        Firewall = Requirement.Always, DiskEncryption = Requirement.Always, AutomaticUpdates = Requirement.Suggested,
    };

    [Theory]
    [InlineData(FactState.Off, FactState.Unknown, FactState.Off, ComplianceStatus.Fail, false)]
    [InlineData(FactState.On, FactState.Unknown, FactState.Off, ComplianceStatus.Unknown, false)]
    [InlineData(FactState.On, FactState.On, FactState.Off, ComplianceStatus.Nudge, true)]
    [InlineData(FactState.On, FactState.On, FactState.On, ComplianceStatus.Pass, true)]
    public void Evaluate_Statuses_WorstWinsInPrecedenceOrder(
        FactState firewall, FactState disk, FactState updates, ComplianceStatus expected, bool compliant)
    {
        var facts = new DeviceFacts
        {
            Platform = Platform.Darwin,
            Firewall = new Fact(firewall, "r"), DiskEncryption = new Fact(disk, "r"), AutomaticUpdates = new Fact(updates, "r"),
        };

        var result = PolicyEvaluator.Evaluate(ThreeChecks, facts, new("d1", null), Now);

        Assert.Equal(expected, result.Status);
        Assert.Equal(compliant, result.Compliant);
    }

    [Fact]
    public void Evaluate_EmptyPolicy_PassesWithNoChecks()
    {
        var result = PolicyEvaluator.Evaluate(Policy.Empty, new DeviceFacts(), new("d1", null), Now);

        Assert.Equal(ComplianceStatus.Pass, result.Status);
        Assert.Empty(result.Checks);
    }

    [Fact]
    public void Evaluate_FullPolicy_ChecksInFixedOrder()
    {
        var policy = PolicyParser.Parse(Tests.Policy.PolicyParserTests.FullYaml).Policy!;
        var facts = new DeviceFacts { Platform = Platform.Darwin, OsVersion = "14.6.1", AgentVersion = "1.2.0", Applications = [] };

        var result = PolicyEvaluator.Evaluate(policy, facts, new("d1", null), Now);

        Assert.Equal(
            ["osVersion", "firewall", "diskEncryption", "automaticUpdates", "screenLock", "screenIdle", "remoteLogin", "agentVersion",
             "app:Slack", "app:Little Snitch", "app:Carbon Black", "app:uTorrent"],
            result.Checks.Select(c => c.CheckId));
    }

    [Fact]
    public void Evaluate_SameInputsTwice_EqualResults()
    {
        var policy = PolicyParser.Parse(Tests.Policy.PolicyParserTests.FullYaml).Policy!;
        var facts = new DeviceFacts { Platform = Platform.Win32, OsVersion = "10.0.22631.4037", Applications = [new("Slack", "4.40")] };

        Assert.Equal(
            PolicyEvaluator.Evaluate(policy, facts, new("d1", null), Now),
            PolicyEvaluator.Evaluate(policy, facts, new("d1", null), Now));
    }

    [Theory]
    [InlineData(CheckStatus.Pass, "PASS")]
    [InlineData(CheckStatus.Nudge, "NUDGE")]
    [InlineData(CheckStatus.Fail, "FAIL")]
    [InlineData(CheckStatus.Unknown, "UNKNOWN")]
    [InlineData(CheckStatus.Unsupported, "UNSUPPORTED")]
    public void CheckStatusWire_RoundTrips(CheckStatus status, string wire)
    {
        Assert.Equal(wire, status.ToWire());
        Assert.Equal(status, CheckStatusWire.Parse(wire));
    }

    [Theory]
    [InlineData(ComplianceStatus.Pass, "PASS")]
    [InlineData(ComplianceStatus.Nudge, "NUDGE")]
    [InlineData(ComplianceStatus.Fail, "FAIL")]
    [InlineData(ComplianceStatus.Unknown, "UNKNOWN")]
    public void ComplianceStatusWire_RoundTrips(ComplianceStatus status, string wire)
    {
        Assert.Equal(wire, status.ToWire());
        Assert.Equal(status, ComplianceStatusWire.Parse(wire));
    }

    [Fact]
    public void ComplianceStatusWire_UnknownText_Throws()
    {
        Assert.Throws<FormatException>(() => ComplianceStatusWire.Parse("UNSUPPORTED"));
    }
}
