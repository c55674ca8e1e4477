using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleet.Gateway.Tests.Graph;

/// <summary>Calls of the graph and query API, and reading their answers.</summary>
public static class GraphApi
{
    public static async Task<JsonElement> PostGraphAsync(this HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/graph", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST /graph answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> QueryAsync(this HttpClient client, string query)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/query", new { query });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST /query answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>displayNames of a list result, or of a tree's vertices, sorted.</summary>
    public static List<string> Names(JsonElement result)
    {
        var data = result.GetProperty("data");
        var items = result.GetProperty("type").GetString() == "tree" ? data.GetProperty("vertices") : data;
        return [.. items.EnumerateArray().Select(v => v.GetProperty("entity").GetProperty("displayName").GetString()!).Order(StringComparer.Ordinal)];
    }

    /// <summary>A tree's edges as "from VERB to" with displayNames, sorted.</summary>
    public static List<string> Edges(JsonElement tree)
    {
        var data = tree.GetProperty("data");
        var names = data.GetProperty("vertices").EnumerateArray().ToDictionary(v => v.GetProperty("id").GetString()!, v => v.GetProperty("entity").GetProperty("displayName").GetString()!);
        return [.. data.GetProperty("edges").EnumerateArray()
            .Select(e => $"{names[e.GetProperty("fromVertexId").GetString()!]} {e.GetProperty("relationship").GetProperty("_class").GetString()} {names[e.GetProperty("toVertexId").GetString()!]}")
            .Order(StringComparer.Ordinal)];
    }

    public static object Entity(string key, string @class, string type, string name, object? properties = null) =>
        new { _key = key, _class = @class, _type = type, displayName = name, properties = properties ?? new { } };

    public static object Edge(string from, string verb, string to) => new { _class = verb, from, to };

    /// <summary>
    /// The semantic suite's graph: four people (Dan has no device), five devices (the spare has no owner and no agent),
    /// four agents (d2 and d3 not compliant), three users and two applications.
    /// </summary>
    public static object FixtureGraph() => new
    {
        entities = new[]
        {
            Entity("person:ann@acme.test", "Person", "fleet_person", "Ann", new { name = "Ann", email = "ann@acme.test", department = "eng" }),
            Entity("person:bob@acme.test", "Person", "fleet_person", "Bob", new { name = "Bob", email = "bob@acme.test", department = "sales" }),
            Entity("person:cat@acme.test", "Person", "fleet_person", "Cat", new { name = "Cat", email = "cat@acme.test" }),
            Entity("person:dan@acme.test", "Person", "fleet_person", "Dan", new { name = "Dan", email = "dan@acme.test", department = "eng" }),
            Entity("device:d1", "Device", "fleet_device", "ann-mac", new { platform = "darwin", encrypted = true, screenLockTimeout = 300 }),
            Entity("device:d2", "Device", "fleet_device", "ann-linux", new { platform = "linux", encrypted = false, screenLockTimeout = 900 }),
            Entity("device:d3", "Device", "fleet_device", "bob-win", new { platform = "win32", encrypted = true, screenLockTimeout = 600 }),
            Entity("device:d4", "Device", "fleet_device", "cat-mac", new { platform = "darwin", screenLockTimeout = 1200 }),
            Entity("device:d5", "Device", "fleet_device", "spare", new { platform = "linux" }),
            Entity("agent:d1", "HostAgent", "fleet_agent", "agent d1", new { compliant = true, status = "PASS", failing = Array.Empty<string>() }),
            Entity("agent:d2", "HostAgent", "fleet_agent", "agent d2", new { compliant = false, status = "FAIL", failing = new[] { "diskEncryption", "firewall" } }),
            Entity("agent:d3", "HostAgent", "fleet_agent", "agent d3", new { compliant = false, status = "UNKNOWN", failing = new[] { "screenLock" } }),
            Entity("agent:d4", "HostAgent", "fleet_agent", "agent d4", new { compliant = true, status = "NUDGE" }),
            Entity("okta:ann", "User", "okta_user", "ann (okta)", new { email = "ann@acme.test", active = true }),
            Entity("okta:bob", "User", "okta_user", "bob (okta)", new { email = "bob@acme.test", active = true }),
            Entity("okta:cat", "User", "okta_user", "cat (okta)", new { email = "cat@acme.test", active = false }),
            Entity("app:aws", "Application", "okta_application", "Amazon Web Services", new { shortName = "aws" }),
            Entity("app:github", "Application", "okta_application", "GitHub", new { shortName = "github" }),
        },
        relationships = new[]
        {
            Edge("person:ann@acme.test", "OWNS", "device:d1"), Edge("person:ann@acme.test", "OWNS", "device:d2"),
            Edge("person:bob@acme.test", "OWNS", "device:d3"), Edge("person:cat@acme.test", "OWNS", "device:d4"),
            Edge("agent:d1", "MONITORS", "device:d1"), Edge("agent:d2", "MONITORS", "device:d2"),
            Edge("agent:d3", "MONITORS", "device:d3"), Edge("agent:d4", "MONITORS", "device:d4"),
            Edge("person:ann@acme.test", "IS", "okta:ann"), Edge("person:bob@acme.test", "IS", "okta:bob"), Edge("person:cat@acme.test", "IS", "okta:cat"),
            Edge("okta:ann", "ASSIGNED", "app:aws"), Edge("okta:ann", "ASSIGNED", "app:github"),
            Edge("okta:bob", "ASSIGNED", "app:github"), Edge("okta:cat", "ASSIGNED", "app:aws"),
        },
    };

    public static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    public static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();
}
