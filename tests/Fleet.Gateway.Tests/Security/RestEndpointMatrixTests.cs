using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Security;

/// <summary>
/// Every REST endpoint × (no key, wrong key, the wrong kind of key, another account's key with A's ids): refused with the
/// right status, and no answer carries any of account A's data. The table is checked against what the gateway publishes.
/// </summary>
public sealed class RestEndpointMatrixTests(TwoAccountsFixture fixture) : IClassFixture<TwoAccountsFixture>
{
    public enum Access { Anyone, Operator, Account, OperatorOrAccount }

    /// <summary>Every HTTP route of the gateway (the SignalR hub and the gRPC service have their own tests).</summary>
    private static readonly (string Method, string Route, Access Who)[] Routes =
    [
        ("GET", "/healthz", Access.Anyone),
        ("GET", "/readyz", Access.Anyone),
        ("POST", "/api/v1/accounts", Access.Operator),
        ("POST", "/api/v1/backups", Access.Operator),
        ("GET", "/api/v1/accounts/{id}", Access.OperatorOrAccount),
        ("POST", "/api/v1/api-keys", Access.Account),
        ("GET", "/api/v1/api-keys", Access.Account),
        ("DELETE", "/api/v1/api-keys/{id}", Access.Account),
        ("GET", "/api/v1/policy", Access.Account),
        ("PUT", "/api/v1/policy", Access.Account),
        ("GET", "/api/v1/settings", Access.Account),
        ("PUT", "/api/v1/settings", Access.Account),
        ("POST", "/api/v1/invites", Access.Account),
        ("GET", "/api/v1/invites", Access.Account),
        ("GET", "/api/v1/devices", Access.Account),
        ("GET", "/api/v1/devices/{id}", Access.Account),
        ("DELETE", "/api/v1/devices/{id}", Access.Account),
        ("POST", "/api/v1/devices/{id}/scan", Access.Account),
        ("GET", "/api/v1/evidence", Access.Account),
        ("GET", "/api/v1/evidence/trend", Access.Account),
        ("POST", "/api/v1/graph", Access.Account),
        ("POST", "/api/v1/query", Access.Account),
        ("GET", "/api/v1/alert-rules", Access.Account),
        ("POST", "/api/v1/alert-rules", Access.Account),
        ("DELETE", "/api/v1/alert-rules/{id}", Access.Account),
        ("GET", "/api/v1/alert-rules/{id}/deliveries", Access.Account),
        ("GET", "/api/v1/alert-rules/{id}/history", Access.Account),
        ("GET", "/api/v1/alerts", Access.Account),
        ("POST", "/api/v1/alerts/{id}/dismiss", Access.Account),
        ("GET", "/api/v1/scim/status", Access.Account),
        ("GET", "/scim/v2/ServiceProviderConfig", Access.Account),
        ("GET", "/scim/v2/ResourceTypes", Access.Account),
        ("GET", "/scim/v2/ResourceTypes/{name}", Access.Account),
        ("GET", "/scim/v2/Schemas", Access.Account),
        ("GET", "/scim/v2/Schemas/{name}", Access.Account),
        ("POST", "/scim/v2/Users", Access.Account),
        ("GET", "/scim/v2/Users", Access.Account),
        ("GET", "/scim/v2/Users/{id}", Access.Account),
        ("PUT", "/scim/v2/Users/{id}", Access.Account),
        ("PATCH", "/scim/v2/Users/{id}", Access.Account),
        ("DELETE", "/scim/v2/Users/{id}", Access.Account),
        ("POST", "/scim/v2/Groups", Access.Account),
        ("GET", "/scim/v2/Groups", Access.Account),
        ("GET", "/scim/v2/Groups/{id}", Access.Account),
        ("PUT", "/scim/v2/Groups/{id}", Access.Account),
        ("PATCH", "/scim/v2/Groups/{id}", Access.Account),
        ("DELETE", "/scim/v2/Groups/{id}", Access.Account),
        ("GET", "/dashboard", Access.Operator),
        ("GET", "/metrics", Access.Operator),
        // The Orleans dashboard's own routes (pages, scripts, its data API), all behind the operator policy.
        ("GET", "/dashboard/{**path}", Access.Operator),
    ];

    public static TheoryData<string, string> Protected()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, route, who) in Routes.Where(r => r.Who != Access.Anyone))
            data.Add(method, route);
        return data;
    }

    public static TheoryData<string, string> WithIds()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, route, _) in Routes.Where(r => r.Route.Contains("{id}")))
            data.Add(method, route);
        return data;
    }

    public static TheoryData<string, string> AccountCollections()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, route, _) in Routes.Where(r => r.Who == Access.Account && !r.Route.Contains("{id}")))
            data.Add(method, route);
        return data;
    }

    // Proves the table above is complete: a route the gateway publishes (OpenAPI) that the table lacks fails here.
    [Fact]
    public async Task The_matrix_lists_every_route_the_gateway_publishes()
    {
        using var document = JsonDocument.Parse(await fixture.Gateway.CreateClient().GetStringAsync("/openapi/v1.json"));
        var published = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {Normalize(path.Name)}"))
            .ToHashSet();
        var listed = Routes.Select(r => $"{r.Method} {Normalize(r.Route)}").ToHashSet();

        Assert.Empty(published.Except(listed));
        Assert.NotEmpty(published);
    }

    // Proves no protected endpoint answers without a key.
    [Theory]
    [MemberData(nameof(Protected))]
    public async Task Without_a_key_every_protected_endpoint_is_401(string method, string route)
    {
        using var response = await SendAsync(fixture.Gateway.CreateClient(), method, route);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingOfALeaksAsync(response);
    }

    // Proves an unknown key is refused like no key (never treated as some account).
    [Theory]
    [MemberData(nameof(Protected))]
    public async Task With_a_wrong_key_every_protected_endpoint_is_401(string method, string route)
    {
        using var response = await SendAsync(fixture.Gateway.CreateClient("fleet_" + new string('x', 43)), method, route);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingOfALeaksAsync(response);
    }

    // Proves the kinds of key are separate: an account key cannot administer accounts, the operator key cannot read account data.
    [Theory]
    [MemberData(nameof(Protected))]
    public async Task The_wrong_kind_of_key_is_403(string method, string route)
    {
        var who = Routes.Single(r => r.Method == method && r.Route == route).Who;
        if (who == Access.OperatorOrAccount)
            return; // both kinds may call it; the cross-account test covers it
        var key = who == Access.Operator ? fixture.B.ApiKey : GatewayProcess.OperatorKey;
        using var response = await SendAsync(fixture.Gateway.CreateClient(key), method, route);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNothingOfALeaksAsync(response);
    }

    // Proves another account's ids answer exactly like missing ones (404), whatever the verb, and nothing of A comes back.
    [Theory]
    [MemberData(nameof(WithIds))]
    public async Task Another_accounts_ids_are_404_for_account_B(string method, string route)
    {
        using var response = await SendAsync(fixture.Gateway.CreateClient(fixture.B.ApiKey), method, route);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertNothingOfALeaksAsync(response);
    }

    // Proves B's collections (lists, policy, evidence, query, graph writes naming A's keys) never show A's data.
    [Theory]
    [MemberData(nameof(AccountCollections))]
    public async Task Account_Bs_own_endpoints_show_nothing_of_account_A(string method, string route)
    {
        using var response = await SendAsync(fixture.Gateway.CreateClient(fixture.B.ApiKey), method, route);
        Assert.True((int)response.StatusCode < 500, $"{method} {route}: {(int)response.StatusCode}");
        await AssertNothingOfALeaksAsync(response);
    }

    // Proves A's data survived the matrix: B's deletes, dismissals and writes (with A's ids and keys) changed nothing of A's.
    [Fact]
    public async Task Account_As_data_is_untouched_by_the_matrix()
    {
        foreach (var (method, route, _) in Routes.Where(r => r.Who == Access.Account))
            (await SendAsync(fixture.Gateway.CreateClient(fixture.B.ApiKey), method, route)).Dispose();

        var api = fixture.Gateway.CreateClient(fixture.A.ApiKey);
        Assert.Contains(fixture.RuleA, await api.GetStringAsync("/api/v1/alert-rules"));
        Assert.Contains(fixture.ApiKeyIdA, await api.GetStringAsync("/api/v1/api-keys"));
        Assert.Contains(fixture.DeviceA, await api.GetStringAsync("/api/v1/devices"));
        Assert.Contains("firewall", await api.GetStringAsync("/api/v1/policy"));
        using var query = await api.PostAsJsonAsync("/api/v1/query", new { query = "FIND okta_user" });
        Assert.Contains("Secret A User", await query.Content.ReadAsStringAsync());
        Assert.Contains("\"active\":true", await api.GetStringAsync($"/scim/v2/Users/{fixture.ScimUserA}"));
        Assert.Contains(fixture.ScimUserA, await api.GetStringAsync($"/scim/v2/Groups/{fixture.ScimGroupA}"));
    }

    /// <summary>None of A's identifying strings is in the answer, except those the caller itself sent (an id echoed in a 404).</summary>
    private async Task AssertNothingOfALeaksAsync(HttpResponseMessage response)
    {
        var sent = response.RequestMessage!.RequestUri + (response.RequestMessage.Content is { } content ? await content.ReadAsStringAsync() : "");
        var body = await response.Content.ReadAsStringAsync() + string.Join("\n", response.Headers.Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
        foreach (var secret in fixture.SecretsOfA.Where(s => !sent.Contains(s, StringComparison.Ordinal)))
            Assert.DoesNotContain(secret, body);
    }

    /// <summary>The route with A's ids in the path and a valid body naming A's things wherever a body can.</summary>
    private Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string route)
    {
        var id = route switch
        {
            _ when route.StartsWith("/api/v1/accounts") => fixture.A.Id,
            _ when route.StartsWith("/api/v1/api-keys") => fixture.ApiKeyIdA,
            _ when route.StartsWith("/api/v1/devices") => fixture.DeviceA,
            _ when route.StartsWith("/api/v1/alert-rules") => fixture.RuleA,
            _ when route.StartsWith("/api/v1/alerts") => fixture.AlertA,
            _ when route.StartsWith("/scim/v2/Users") => fixture.ScimUserA,
            _ when route.StartsWith("/scim/v2/Groups") => fixture.ScimGroupA,
            _ => "",
        };
        var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{id}", id).Replace("{**path}", "index.html"));
        request.Content = (method, route) switch
        {
            ("POST", "/api/v1/accounts") => JsonContent.Create(new { name = "Mallory" }),
            ("POST", "/api/v1/api-keys") => JsonContent.Create(new { name = "Mallory key" }),
            ("PUT", "/api/v1/policy") => new StringContent("screenLock: ALWAYS\n", System.Text.Encoding.UTF8, "application/yaml"),
            ("PUT", "/api/v1/settings") => JsonContent.Create(new { scanIntervalSeconds = 600 }),
            ("POST", "/api/v1/invites") => JsonContent.Create(new { emails = new[] { "mallory@b.test" } }),
            ("POST", "/api/v1/graph") => JsonContent.Create(new
            {
                entities = new[] { new { _key = "okta:mallory", _class = "User", _type = "okta_user", displayName = "Mallory", properties = new { } } },
                deleteEntities = new[] { "okta:secret-a-user", $"device:{fixture.DeviceA}", $"agent:{fixture.DeviceA}" },
            }),
            ("POST", "/api/v1/query") => JsonContent.Create(new { query = "FIND * LIMIT 1000" }),
            ("POST", "/api/v1/alert-rules") => JsonContent.Create(new { name = "Mallory rule", query = "FIND HostAgent" }),
            ("POST" or "PUT", "/scim/v2/Users" or "/scim/v2/Users/{id}") => TwoAccountsFixture.ScimBody(new { userName = "mallory@b.test", active = false }),
            ("PATCH", "/scim/v2/Users/{id}") => TwoAccountsFixture.ScimBody(new { Operations = new[] { new { op = "replace", value = new { active = false } } } }),
            ("POST" or "PUT", "/scim/v2/Groups" or "/scim/v2/Groups/{id}") => TwoAccountsFixture.ScimBody(new { displayName = "Mallory group", members = new[] { new { value = fixture.ScimUserA } } }),
            ("PATCH", "/scim/v2/Groups/{id}") => TwoAccountsFixture.ScimBody(new { Operations = new[] { new { op = "remove", path = "members" } } }),
            _ => null,
        };
        return client.SendAsync(request);
    }

    private static string Normalize(string route) => route.StartsWith("/dashboard/", StringComparison.Ordinal)
        ? "/dashboard/*"
        : "/" + string.Join('/', route.Trim('/').Split('/').Select(s => s.StartsWith('{') ? "{}" : s));
}
