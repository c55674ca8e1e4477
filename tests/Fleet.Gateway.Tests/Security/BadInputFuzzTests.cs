using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Security;

/// <summary>
/// Bad input is never a 5xx (docs/security.md, Bad input): a seeded fuzz over every JSON route of a real gateway process
/// (bounded iterations), then the gateway must still be healthy and answer a valid request.
/// </summary>
public sealed class BadInputFuzzTests : IAsyncLifetime
{
    private const int Seed = 20261204;
    private const int IterationsPerRoute = 40;

    private readonly TempDirectory _data = new();
    private GatewayProcess _gateway = null!;
    private CreatedAccount _account = null!;

    /// <summary>Every route that reads a JSON body, with a valid body to mutate. {id} is replaced by hostile ids.</summary>
    private static readonly (string Method, string Route, bool Operator, string Body)[] Routes =
    [
        ("POST", "/api/v1/accounts", true, """{"name":"Globex"}"""),
        ("POST", "/api/v1/api-keys", false, """{"name":"CI pipeline"}"""),
        ("DELETE", "/api/v1/api-keys/{id}", false, "{}"),
        ("PUT", "/api/v1/policy", false, """{"firewall":"ALWAYS","diskEncryption":"ALWAYS"}"""),
        ("PUT", "/api/v1/settings", false, """{"scanIntervalSeconds":600,"offlineAfterSeconds":180,"minAgentVersion":"1.0.0"}"""),
        ("POST", "/api/v1/invites", false, """{"emails":["ann@acme.test","bob@acme.test"]}"""),
        ("POST", "/api/v1/graph", false, """
            {"entities":[{"_key":"okta:u1","_class":"User","_type":"okta_user","displayName":"Ann","properties":{"email":"ann@acme.test","active":true,"logins":3,"groups":["a","b"]}}],
             "relationships":[{"_class":"HAS","_type":"okta_user_has_device","from":"okta:u1","to":"okta:u1"}]}
            """),
        ("POST", "/api/v1/query", false, """{"query":"FIND User WITH active = true RETURN TREE"}"""),
        ("POST", "/api/v1/alert-rules", false, """
            {"name":"Rule","query":"FIND HostAgent WITH compliant=false","condition":"count > 0","pollingInterval":600,"triggerOnNewOnly":false,
             "secret":"0123456789abcdef0123","actions":[{"type":"WEBHOOK","endpoint":"https://hooks.example.com/x","headers":{"X-Team":"sec"}},{"type":"EMAIL","recipients":["sec@acme.test"]}]}
            """),
        ("POST", "/api/v1/alerts/{id}/dismiss", false, """{"by":"ann@acme.test"}"""),
        ("POST", "/api/v1/devices/{id}/scan", false, "{}"),
        ("DELETE", "/api/v1/alert-rules/{id}", false, "{}"),
        ("GET", "/api/v1/devices/{id}", false, "{}"),
        ("DELETE", "/api/v1/devices/{id}", false, "{}"),
        ("GET", "/api/v1/accounts/{id}", false, "{}"),
    ];

    private static readonly JsonNode?[] HostileValues =
    [
        1e300, -1e300, -1, 0, 2147483648L, 9_223_372_036_854_775_807L, 0.5, -0.0,
        "", " ", "\u0000", "ann\u0000@acme.test", "a\u0001b", "\u001b[31m", new string('x', 20_000), "\ud800", "1e300", "PT99999999999H",
        "P99999999D", "-PT1S", "NaN", "Infinity", "${jndi:ldap://x}", "'; DROP TABLE x; --", "FIND", "http://169.254.169.254/",
        true, false, null, new JsonArray(), new JsonObject(), new JsonArray(1, "a", null), new JsonObject { ["$type"] = "System.Object" },
    ];

    private static readonly string[] HostileIds =
        ["x", "dev_" + new string('0', 32), "alt_%00", "%2e%2e%2f%2e%2e", new string('a', 3000), "rul_\u00e9", "%ff%fe", "-1", "null"];

    public async Task InitializeAsync()
    {
        _gateway = await GatewayProcess.StartEmbeddedAsync(_data.Path, new Dictionary<string, string>
        {
            ["Fleet:Security:AuthFailuresPerMinute"] = "1000000",
            ["Fleet:Limits:RequestsPerKeyPerMinute"] = "1000000",
        });
        _account = await _gateway.CreateOperatorClient().CreateAccountAsync("Fuzz");
    }

    // Proves no mutation of any JSON route's body (hostile values, wrong types, cut or corrupted text) answers 5xx, and the gateway stays healthy.
    [Fact]
    public async Task No_mutated_request_is_answered_with_a_5xx_and_the_gateway_stays_healthy()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        using var account = _gateway.CreateClient(_account.ApiKey);
        using var @operator = _gateway.CreateOperatorClient();

        foreach (var (method, route, asOperator, body) in Routes)
        {
            for (var i = 0; i < IterationsPerRoute; i++)
            {
                var path = route.Replace("{id}", HostileIds[random.Next(HostileIds.Length)]);
                var text = Mutate(body, random);
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method != "GET")
                    request.Content = new StringContent(text, Encoding.UTF8, "application/json");
                using var response = await (asOperator ? @operator : account).SendAsync(request);
                if ((int)response.StatusCode >= 500)
                    failures.Add($"{method} {path} {Shorten(text)} → {(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync())}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        using var ready = await account.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var devices = await account.GetAsync("/api/v1/devices");
        Assert.Equal(HttpStatusCode.OK, devices.StatusCode);
    }

    /// <summary>One of: a hostile value in place of a random node, a random extra field, a cut text, a corrupted byte, or a deep nest.</summary>
    private static string Mutate(string body, Random random)
    {
        switch (random.Next(10))
        {
            case 0:
                return body[..random.Next(body.Length)];
            case 1:
                var chars = body.ToCharArray();
                chars[random.Next(chars.Length)] = (char)random.Next(0, 128);
                return new string(chars);
            case 2:
                return new string('[', 200) + new string(']', 200);
        }
        var root = JsonNode.Parse(body)!;
        var mutations = 1 + random.Next(3);
        for (var m = 0; m < mutations; m++)
        {
            var nodes = Flatten(root).ToList();
            var target = nodes[random.Next(nodes.Count)];
            var value = HostileValues[random.Next(HostileValues.Length)]?.DeepClone();
            switch (target.Parent)
            {
                case JsonObject parent:
                    parent[target.GetPropertyName()] = value;
                    break;
                case JsonArray array:
                    array[target.GetElementIndex()] = value;
                    break;
                default:
                    if (root is JsonObject obj)
                        obj["field" + random.Next(5)] = value;
                    break;
            }
        }
        return root.ToJsonString();
    }

    private static IEnumerable<JsonNode> Flatten(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().ToList())
            foreach (var descendant in Flatten(child))
                yield return descendant;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
