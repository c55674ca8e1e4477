using System.Text.Json;
using Fleet.Contracts.Graph;
using Fleet.Query.Evaluation;

namespace Fleet.Bench;

/// <summary>
/// A deterministic fleet: <c>devices</c> devices with one agent each (~10% not compliant), 0.8 persons per device (some own
/// two), one IdP user per person, 20 applications; about 30% of users are assigned 'aws', each also gets two others.
/// The same entities and relationships go into the silo and into PostgreSQL.
/// </summary>
public sealed class SeedData
{
    public List<GraphEntityInput> Entities { get; } = [];
    public List<GraphRelationshipInput> Relationships { get; } = [];

    /// <summary>How many persons: device d is owned by person <c>d % Persons</c> ("Person {p}").</summary>
    public int Persons { get; private init; }

    public static SeedData Generate(int devices)
    {
        var persons = Math.Max(1, devices * 4 / 5);
        var data = new SeedData { Persons = persons };
        var random = new Random(42);
        string[] platforms = ["darwin", "linux", "win32"];
        string[] departments = ["eng", "sales", "ops", "finance", "support"];
        const int applications = 20;

        for (var a = 0; a < applications; a++)
        {
            data.Entity($"app:{a}", "Application", "okta_application", a == 0 ? "Amazon Web Services" : $"App {a}", ("shortName", a == 0 ? "aws" : $"app{a}"));
        }
        for (var p = 0; p < persons; p++)
        {
            var email = $"person{p}@acme.test";
            data.Entity($"person:{email}", "Person", "fleet_person", $"Person {p}", ("email", email), ("name", $"Person {p}"), ("department", departments[p % departments.Length]));
            data.Entity($"okta:{p}", "User", "okta_user", $"user {p}", ("email", email), ("active", true));
            data.Edge("IS", $"person:{email}", $"okta:{p}");
            if (random.NextDouble() < 0.3)
            {
                data.Edge("ASSIGNED", $"okta:{p}", "app:0");
            }
            var first = random.Next(1, applications);
            var second = 1 + (first % (applications - 1));
            data.Edge("ASSIGNED", $"okta:{p}", $"app:{first}");
            data.Edge("ASSIGNED", $"okta:{p}", $"app:{second}");
        }
        for (var d = 0; d < devices; d++)
        {
            var platform = platforms[d % platforms.Length];
            var compliant = random.NextDouble() >= 0.1;
            data.Entity($"device:dev_{d}", "Device", "fleet_device", $"host-{d}",
                ("hostname", $"host-{d}"), ("platform", platform), ("osName", platform), ("osVersion", $"14.{d % 7}"), ("serial", $"SN{d:D8}"),
                ("model", "laptop"), ("encrypted", compliant || random.NextDouble() < 0.5), ("firewallEnabled", true), ("screenLockEnabled", true),
                ("screenLockTimeout", (double)(300 * (1 + d % 4))), ("lastSeenOn", new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero).AddMinutes(-d % 1440)));
            data.Entity($"agent:dev_{d}", "HostAgent", "fleet_agent", $"agent host-{d}",
                ("agentVersion", "1.0.0"), ("online", d % 3 != 0), ("compliant", compliant), ("status", compliant ? "PASS" : "FAIL"),
                ("failing", compliant ? PropertyValue.List() : PropertyValue.List("diskEncryption")));
            data.Edge("MONITORS", $"agent:dev_{d}", $"device:dev_{d}");
            data.Edge("OWNS", $"person:person{d % persons}@acme.test", $"device:dev_{d}");
        }
        return data;
    }

    private void Entity(string key, string @class, string type, string name, params (string Name, PropertyValue Value)[] properties) =>
        Entities.Add(new GraphEntityInput(key, @class, type, name, properties.ToDictionary(p => p.Name, p => p.Value)));

    private void Edge(string verb, string from, string to) => Relationships.Add(new GraphRelationshipInput(verb, from, to, []));

    public static string PropertiesJson(IReadOnlyDictionary<string, PropertyValue> properties) => JsonSerializer.Serialize(properties);
}
