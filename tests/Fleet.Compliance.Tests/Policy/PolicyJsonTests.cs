namespace Fleet.Compliance.Tests.Policy;

using Fleet.Compliance.Policy;

/// <summary>The canonical JSON form reads back to an equal policy and is stable.</summary>
public sealed class PolicyJsonTests
{
    [Fact]
    public void Serialize_FullPolicy_ParsesBackToAnEqualPolicy()
    {
        var policy = PolicyParser.Parse(PolicyParserTests.FullYaml).Policy!;

        var json = PolicyJson.Serialize(policy);
        var reparsed = PolicyParser.Parse(json);

        Assert.Empty(reparsed.Errors);
        Assert.Equal(policy, reparsed.Policy);
    }

    [Fact]
    public void Serialize_IsAFixedPoint()
    {
        var json = PolicyJson.Serialize(PolicyParser.Parse(PolicyParserTests.FullYaml).Policy!);

        Assert.Equal(json, PolicyJson.Serialize(PolicyParser.Parse(json).Policy!));
    }

    [Fact]
    public void Serialize_EmptyPolicy_IsEmptyObject()
    {
        Assert.Equal("{}", PolicyJson.Serialize(Policy.Empty));
    }

    [Fact]
    public void Serialize_AwkwardText_RoundTrips()
    {
        var policy = Policy.Empty with
        {
            Applications = ValueList<ApplicationRequirement>.From(
            [
                new ApplicationRequirement(
                    "Quote \" back\\slash",
                    Requirement.Always,
                    Description: "line\nbreak\ttab \u2028 sep \u0085 nel \u0001 ctl 😀 emoji é",
                    InstallFrom: "https://example.test/a?b=c&d=<e>"),
            ]),
        };

        var reparsed = PolicyParser.Parse(PolicyJson.Serialize(policy));

        Assert.Empty(reparsed.Errors);
        Assert.Equal(policy, reparsed.Policy);
    }

    [Fact]
    public void Serialize_WritesKeysInCanonicalOrder()
    {
        var policy = PolicyParser.Parse("remoteLogin: NEVER\nfirewall: ALWAYS\nosVersion: {darwin: {ok: '>=14'}}\n").Policy!;

        Assert.Equal(
            """{"osVersion": {"darwin": {"ok": ">=14"}}, "firewall": "ALWAYS", "remoteLogin": "NEVER"}""",
            PolicyJson.Serialize(policy));
    }
}
