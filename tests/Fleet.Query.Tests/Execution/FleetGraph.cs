using Fleet.Query.Evaluation;
using Fleet.Query.Execution;

namespace Fleet.Query.Tests.Execution;

/// <summary>
/// The fixture graph of the semantic tests: one account, four people (Cat owns nothing), five devices
/// (one without owner, agent or platform), their agents, IdP users and two applications.
/// </summary>
public static class FleetGraph
{
    public static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<Entity> Entities { get; } =
    [
        Entity("acme", "Account", "fleet_account", "Acme", ("name", "Acme")),

        Entity("p-ann", "Person", "fleet_person", "Ann", ("email", "ann@acme.test"), ("name", "Ann")),
        Entity("p-bob", "Person", "fleet_person", "Bob", ("email", "bob@acme.test"), ("name", "Bob")),
        Entity("p-cat", "Person", "fleet_person", "Cat", ("email", "cat@acme.test"), ("name", "Cat")),
        Entity("p-dan", "Person", "fleet_person", "Dan", ("email", "dan@acme.test"), ("name", "Dan")),

        Entity("d-ann-mac", "Device", "fleet_device", "ann-mac", ("hostname", "ann-mac"), ("platform", "darwin"), ("encrypted", true),
            ("score", 5.0), ("lastSeenOn", Now.AddDays(-1)), ("tag.Owner", "ann")),
        Entity("d-ann-linux", "Device", "fleet_device", "ann-linux", ("hostname", "ann-linux"), ("platform", "linux"), ("encrypted", false),
            ("score", 3.0), ("lastSeenOn", Now.AddDays(-30).ToString("O"))),
        Entity("d-bob-win", "Device", "fleet_device", "bob-win", ("hostname", "bob-win"), ("platform", "win32"), ("encrypted", true),
            ("score", 8.0), ("lastSeenOn", (double)Now.AddDays(-2).ToUnixTimeMilliseconds())),
        Entity("d-dan-mac", "Device", "fleet_device", "dan-mac", ("hostname", "dan-mac"), ("platform", "darwin"), ("encrypted", false),
            ("score", 1.0), ("lastSeenOn", Now.AddDays(-400))),
        Entity("d-orphan", "Device", "fleet_device", "orphan", ("hostname", "orphan")),

        Entity("ag-ann-mac", "HostAgent", "fleet_agent", "agent ann-mac", ("compliant", true), ("status", "PASS"), ("online", true)),
        Entity("ag-ann-linux", "HostAgent", "fleet_agent", "agent ann-linux", ("compliant", false), ("status", "FAIL"), ("online", true),
            ("failing", PropertyValue.List("firewall", "diskEncryption"))),
        Entity("ag-bob-win", "HostAgent", "fleet_agent", "agent bob-win", ("compliant", false), ("status", "UNKNOWN"), ("online", false)),
        Entity("ag-dan-mac", "HostAgent", "fleet_agent", "agent dan-mac", ("compliant", false), ("status", "FAIL"), ("online", true),
            ("failing", PropertyValue.List("screenLock"))),

        Entity("u-ann", "User", "okta_user", "ann (okta)", ("email", "ann@acme.test"), ("active", true)),
        Entity("u-bob", "User", "okta_user", "bob (okta)", ("email", "robert@acme.test"), ("active", true)),
        Entity("u-dan", "User", "okta_user", "dan (okta)", ("email", "dan@acme.test"), ("active", false)),

        Entity("app-aws", "Application", "okta_application", "AWS", ("shortName", "aws")),
        Entity("app-gh", "Application", "okta_application", "GitHub", ("shortName", "github")),
    ];

    public static IReadOnlyList<Relationship> Relationships { get; } =
    [
        Edge("acme", "HAS", "p-ann"), Edge("acme", "HAS", "p-bob"), Edge("acme", "HAS", "p-cat"), Edge("acme", "HAS", "p-dan"),
        Edge("acme", "HAS", "d-ann-mac"), Edge("acme", "HAS", "d-ann-linux"), Edge("acme", "HAS", "d-bob-win"),
        Edge("acme", "HAS", "d-dan-mac"), Edge("acme", "HAS", "d-orphan"),

        Edge("p-ann", "OWNS", "d-ann-mac"), Edge("p-ann", "OWNS", "d-ann-linux"), Edge("p-bob", "OWNS", "d-bob-win"), Edge("p-dan", "OWNS", "d-dan-mac"),

        Edge("ag-ann-mac", "MONITORS", "d-ann-mac"), Edge("ag-ann-linux", "MONITORS", "d-ann-linux"),
        Edge("ag-bob-win", "MONITORS", "d-bob-win"), Edge("ag-dan-mac", "MONITORS", "d-dan-mac"),

        Edge("p-ann", "IS", "u-ann"), Edge("p-bob", "IS", "u-bob"), Edge("p-dan", "IS", "u-dan"),

        Edge("u-ann", "ASSIGNED", "app-aws"), Edge("u-bob", "ASSIGNED", "app-aws"), Edge("u-bob", "ASSIGNED", "app-gh"), Edge("u-dan", "ASSIGNED", "app-gh"),
    ];

    public static InMemoryGraphSource Source() => new(Entities, Relationships);

    public static string EdgeId(string from, string verb, string to) => $"{from}|{verb}|{to}";

    private static Entity Entity(string id, string @class, string type, string displayName, params (string Name, PropertyValue Value)[] properties) =>
        new(id, $"{type}:{id}", @class, type, displayName, properties.ToDictionary(p => p.Name, p => p.Value));

    private static Relationship Edge(string from, string verb, string to) =>
        new(EdgeId(from, verb, to), verb, from, to, new Dictionary<string, PropertyValue>());
}
