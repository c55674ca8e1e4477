using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Agents;

namespace Fleet.Browser.Tests.Infrastructure;

/// <summary>
/// The fleet every browser test starts from: six Ubuntu laptops against <see cref="Policy"/> — three compliant,
/// two failing one check each, one whose screen lock could not be read (unknown). Bob and Dan are users of AWS.
/// </summary>
public static class SeededFleet
{
    public const string Policy = """
        osVersion:
          ubuntu: { ok: ">=24.04" }
        firewall: ALWAYS
        diskEncryption: ALWAYS
        screenLock: ALWAYS
        remoteLogin: NEVER
        """;

    public sealed record Laptop(string Email, string Hostname, Func<DeviceFacts, DeviceFacts> Adjust);

    public static readonly IReadOnlyList<Laptop> Laptops =
    [
        new("ann@acme.test", "ann-laptop", f => f),
        new("bob@acme.test", "bob-laptop", f => { f.Firewall = new Fact { State = FactState.Off, Reason = "ufw inactive" }; return f; }),
        new("carla@acme.test", "carla-laptop", f => f),
        new("dan@acme.test", "dan-laptop", f => { f.DiskEncryption = new Fact { State = FactState.Off, Reason = "ext4 on /" }; return f; }),
        new("eve@acme.test", "eve-laptop", f => f),
        new("frank@acme.test", "frank-laptop", f => { f.ScreenLock = new Fact { State = FactState.Unknown, Reason = "gsettings: no schema" }; return f; }),
    ];

    public const int Compliant = 3;
    public const int NonCompliant = 2;
    public const int Unknown = 1;

    /// <summary>People whose agent is not compliant (failing or unknown): bob, dan, frank.</summary>
    public static readonly string[] PeopleWithNonCompliantAgents = ["bob@acme.test", "dan@acme.test", "frank@acme.test"];

    public const string SeedQuestion = "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE";

    public static DeviceFacts Facts(Laptop laptop, string machineId) => laptop.Adjust(AgentClient.Facts(machineId, laptop.Hostname));

    /// <summary>Users and an application as an identity provider would sync them (POST /api/v1/graph).</summary>
    public static object Identities() => new
    {
        entities = new object[]
        {
            new { _key = "app:aws", _class = "Application", _type = "okta_application", displayName = "AWS", properties = new { shortName = "aws" } },
            new { _key = "okta:bob", _class = "User", _type = "okta_user", displayName = "Bob", properties = new { email = "bob@acme.test" } },
            new { _key = "okta:dan", _class = "User", _type = "okta_user", displayName = "Dan", properties = new { email = "dan@acme.test" } },
        },
        relationships = new object[]
        {
            new { _class = "ASSIGNED", from = "okta:bob", to = "app:aws", properties = new { } },
            new { _class = "ASSIGNED", from = "okta:dan", to = "app:aws", properties = new { } },
        },
    };

    public static object PersonLinks() => new
    {
        entities = Array.Empty<object>(),
        relationships = new object[]
        {
            new { _class = "IS", from = "person:bob@acme.test", to = "okta:bob", properties = new { } },
            new { _class = "IS", from = "person:dan@acme.test", to = "okta:dan", properties = new { } },
        },
    };
}
