namespace Fleet.Compliance.Tests.Evaluation;

using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

/// <summary>Which waiver covers a result: application ids ignore case, setting ids do not, the longest-lasting wins.</summary>
public sealed class WaiverMatchingTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly WaiverSubject Device = new("dev-42", null);

    // Proves an application waiver written in another case than the policy's entry still waives it, as application names
    // match ignoring case everywhere else.
    [Fact]
    public void An_application_waiver_matches_its_entry_ignoring_case()
    {
        var policy = PolicyParser.Parse("""
            applications:
              - name: Zoom
                assertion: ALWAYS
            waivers:
              - check: app:zoom
                device: dev-42
                justification: Uses the web client
                expires: 2026-03-31
            """).Policy!;

        var result = PolicyEvaluator.Evaluate(policy, new DeviceFacts { Platform = Platform.Darwin, Applications = [] }, Device, Now);

        Assert.True(result.Find("app:Zoom")!.IsWaived);
        Assert.Equal(ComplianceStatus.Pass, result.Status);
    }

    // Proves a setting waiver must name the check exactly: "Firewall" is not the firewall check.
    [Fact]
    public void A_setting_waiver_matches_its_check_id_exactly()
    {
        var policy = new Policy
        {
            Firewall = Requirement.Always,
            Waivers = ValueList<Waiver>.From([new Waiver("Firewall", "dev-42", null, "typo", new DateOnly(2026, 3, 31))]),
        };

        var result = PolicyEvaluator.Evaluate(policy, new DeviceFacts { Platform = Platform.Linux, Firewall = Fact.Off("ufw inactive") }, Device, Now);

        Assert.False(result.Find(CheckIds.Firewall)!.IsWaived);
        Assert.Equal(ComplianceStatus.Fail, result.Status);
    }

    // Proves that of several waivers covering a result, the one lasting longest is reported, whatever their order.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Of_several_matching_waivers_the_longest_lasting_is_used(bool reversed)
    {
        Waiver[] waivers =
        [
            new("firewall", "dev-42", null, "Until the appliance test ends", new DateOnly(2026, 2, 1)),
            new("firewall", "dev-42", null, "Until the network is replaced", new DateOnly(2026, 6, 30)),
        ];
        var policy = new Policy { Firewall = Requirement.Always, Waivers = ValueList<Waiver>.From(reversed ? waivers.Reverse() : waivers) };

        var result = PolicyEvaluator.Evaluate(policy, new DeviceFacts { Platform = Platform.Linux, Firewall = Fact.Off() }, Device, Now);

        var waiver = result.Find(CheckIds.Firewall)!.Waiver!;
        Assert.Equal((new DateOnly(2026, 6, 30), "Until the network is replaced"), (waiver.Expires, waiver.Justification));
    }

    // Proves of two waivers with the same expiry, the first in policy order is kept.
    [Fact]
    public void Of_two_waivers_with_the_same_expiry_the_first_is_used()
    {
        var policy = new Policy
        {
            Firewall = Requirement.Always,
            Waivers = ValueList<Waiver>.From(
            [
                new Waiver("firewall", "dev-42", null, "first", new DateOnly(2026, 3, 31)),
                new Waiver("firewall", "dev-42", null, "second", new DateOnly(2026, 3, 31)),
            ]),
        };

        var result = PolicyEvaluator.Evaluate(policy, new DeviceFacts { Platform = Platform.Linux, Firewall = Fact.Off() }, Device, Now);

        Assert.Equal("first", result.Find(CheckIds.Firewall)!.Waiver!.Justification);
    }
}
