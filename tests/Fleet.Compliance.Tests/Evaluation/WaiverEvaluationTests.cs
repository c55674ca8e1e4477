namespace Fleet.Compliance.Tests.Evaluation;

using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

/// <summary>Waivers keep the real status visible and stop counting against compliance until they expire.</summary>
public sealed class WaiverEvaluationTests
{
    private static readonly Policy Waived = PolicyParser.Parse("""
        diskEncryption: ALWAYS
        firewall: ALWAYS
        waivers:
          - check: diskEncryption
            device: dev-42
            justification: Build server in a locked room
            expires: 2026-03-31
          - check: firewall
            person: Ann@Acme.test
            justification: Network appliance testing
            expires: 2026-03-31
        """).Policy!;

    private static readonly DeviceFacts Failing = new()
    {
        Platform = Platform.Linux, DiskEncryption = Fact.Off(), Firewall = Fact.Unknown("nft not found"),
    };

    private static readonly DateTimeOffset BeforeExpiry = new(2026, 3, 31, 23, 59, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AfterExpiry = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_DeviceWaiverBeforeExpiry_KeepsFailButCompliant()
    {
        var result = PolicyEvaluator.Evaluate(Waived, Failing, new("dev-42", "ann@acme.test"), BeforeExpiry);

        var disk = result.Find(CheckIds.DiskEncryption)!;
        Assert.Equal(CheckStatus.Fail, disk.Status);
        Assert.Equal("Build server in a locked room", disk.Waiver!.Justification);
        Assert.Equal(ComplianceStatus.Pass, result.Status);
        Assert.True(result.Compliant);
    }

    [Fact]
    public void Evaluate_DeviceWaiverAfterExpiry_CountsAgain()
    {
        var result = PolicyEvaluator.Evaluate(Waived, Failing, new("dev-42", "ann@acme.test"), AfterExpiry);

        Assert.Null(result.Find(CheckIds.DiskEncryption)!.Waiver);
        Assert.Equal(ComplianceStatus.Fail, result.Status);
        Assert.False(result.Compliant);
    }

    [Fact]
    public void Evaluate_PersonWaiver_MatchesEmailIgnoringCase()
    {
        var result = PolicyEvaluator.Evaluate(Waived, Failing, new("dev-7", "ann@acme.test"), BeforeExpiry);

        var firewall = result.Find(CheckIds.Firewall)!;
        Assert.Equal(CheckStatus.Unknown, firewall.Status);
        Assert.True(firewall.IsWaived);
        Assert.Equal(ComplianceStatus.Fail, result.Status); // disk encryption is not waived for dev-7
    }

    [Fact]
    public void Evaluate_PersonWaiverAfterExpiry_UnknownCountsAgain()
    {
        var facts = Failing with { DiskEncryption = Fact.On() };

        var result = PolicyEvaluator.Evaluate(Waived, facts, new("dev-7", "ann@acme.test"), AfterExpiry);

        Assert.False(result.Find(CheckIds.Firewall)!.IsWaived);
        Assert.Equal(ComplianceStatus.Unknown, result.Status);
    }

    [Fact]
    public void Evaluate_OtherSubject_NotWaived()
    {
        var result = PolicyEvaluator.Evaluate(Waived, Failing, new("dev-9", "bob@acme.test"), BeforeExpiry);

        Assert.All(result.Checks, c => Assert.Null(c.Waiver));
        Assert.Equal([CheckIds.Firewall, CheckIds.DiskEncryption], result.NonCompliantCheckIds());
    }

    [Fact]
    public void Evaluate_PassingCheck_CarriesNoWaiver()
    {
        var facts = Failing with { DiskEncryption = Fact.On() };

        var result = PolicyEvaluator.Evaluate(Waived, facts, new("dev-42", null), BeforeExpiry);

        Assert.Null(result.Find(CheckIds.DiskEncryption)!.Waiver);
    }
}
