using System.Net;
using System.Text;
using Fleet.Gateway.Tests.Agents;

namespace Fleet.Gateway.Tests.Scim;

/// <summary>Who may call /scim/v2, isolation between accounts, and hostile input: always a 4xx that says what is wrong, never a 5xx.</summary>
public sealed class ScimSecurityTests(AgentGatewayFixture fixture) : IClassFixture<AgentGatewayFixture>
{
    // Without a key, with an unknown key or with the operator key, SCIM is closed.
    [Fact]
    public async Task Only_an_account_key_opens_scim()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Gateway.CreateClient().ScimGetAsync("/Users")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Gateway.CreateClient("fk_not-a-key").ScimGetAsync("/Users")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Gateway.CreateOperatorClient().ScimGetAsync("/Users")).Status);
    }

    // Another account's user and group ids are 404 for every method, and its users are in no list of this account.
    [Fact]
    public async Task Another_accounts_ids_are_not_found()
    {
        var a = fixture.Gateway.CreateClient((await fixture.CreateAccountAsync("A")).ApiKey);
        var b = fixture.Gateway.CreateClient((await fixture.CreateAccountAsync("B")).ApiKey);
        var user = await a.CreateUserAsync("ann@a.test");
        var group = (await a.ScimPostAsync("/Groups", """{ "displayName": "Eng" }""")).Id;
        const string patch = """{ "Operations": [{ "op": "replace", "value": { "active": false } }] }""";

        Assert.Equal(HttpStatusCode.NotFound, (await b.ScimGetAsync($"/Users/{user}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.ScimPutAsync($"/Users/{user}", """{ "userName": "stolen@b.test" }""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.ScimPatchAsync($"/Users/{user}", patch)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.ScimDeleteAsync($"/Users/{user}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.ScimGetAsync($"/Groups/{group}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.ScimPatchAsync($"/Groups/{group}", """{ "Operations": [{ "op": "replace", "path": "displayName", "value": "x" }] }""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.ScimDeleteAsync($"/Groups/{group}")).Status);
        // B cannot put A's user into its own group either.
        var own = (await b.ScimPostAsync("/Groups", """{ "displayName": "Mine" }""")).Id;
        Assert.Equal(HttpStatusCode.BadRequest, (await b.ScimPatchAsync($"/Groups/{own}", $$"""{ "Operations": [{ "op": "add", "path": "members", "value": [{ "value": "{{user}}" }] }] }""")).Status);
        Assert.Equal(0, (await b.ScimGetAsync("/Users")).Body.GetProperty("totalResults").GetInt32());
        // And the same userName is free in B: uniqueness is per account.
        await b.CreateUserAsync("ann@a.test");
        Assert.True((await a.ScimGetAsync($"/Users/{user}")).Body.GetProperty("active").GetBoolean());
    }

    public static TheoryData<string, string, string?> HostileRequests() => new()
    {
        { "POST", "/Users", "not json" },
        { "POST", "/Users", "[]" },
        { "POST", "/Users", "{}" },
        { "POST", "/Users", """{ "userName": 42 }""" },
        { "POST", "/Users", """{ "userName": "   " }""" },
        { "POST", "/Users", """{ "userName": "a\u0000b" }""" },
        { "POST", "/Users", "{ \"userName\": \"" + new string('x', 600) + "\" }" },
        { "POST", "/Users", """{ "userName": "x", "emails": "a@b" }""" },
        { "POST", "/Users", """{ "userName": "x", "emails": [{ "type": "work" }] }""" },
        { "POST", "/Users", """{ "userName": "x", "emails": [{ "value": "a@b", "primary": true }, { "value": "c@d", "primary": true }] }""" },
        { "POST", "/Users", """{ "userName": "x", "emails": [""" + string.Join(',', Enumerable.Range(0, 11).Select(i => $$"""{ "value": "{{i}}@b" }""")) + "] }" },
        { "POST", "/Users", """{ "userName": "x", "active": "maybe" }""" },
        { "POST", "/Users", """{ "userName": "x", "name": "Ann" }""" },
        { "POST", "/Users", new string('[', 100) + new string(']', 100) },
        { "POST", "/Users", "{ \"userName\": \"x\", \"a\": " + new string('[', 40) + new string(']', 40) + " }" },
        { "PATCH", "/Users/{user}", "{}" },
        { "PATCH", "/Users/{user}", """{ "Operations": {} }""" },
        { "PATCH", "/Users/{user}", """{ "Operations": [{ "op": "move", "path": "active", "value": false }] }""" },
        { "PATCH", "/Users/{user}", """{ "Operations": [{ "op": "replace", "path": "active" }] }""" },
        { "PATCH", "/Users/{user}", """{ "Operations": [{ "op": "remove" }] }""" },
        { "PATCH", "/Users/{user}", """{ "Operations": [{ "op": "replace", "value": false }] }""" },
        { "PATCH", "/Users/{user}", """{ "Operations": [{ "op": "remove", "path": "userName" }] }""" },
        { "PATCH", "/Users/{user}", """{ "Operations": [{ "op": "replace", "path": "emails[value sw \"a\"].value", "value": "x" }] }""" },
        { "PATCH", "/Users/{user}", """{ "Operations": [""" + string.Join(',', Enumerable.Repeat("""{ "op": "replace", "path": "active", "value": true }""", 1001)) + "] }" },
        { "PATCH", "/Groups/{group}", """{ "Operations": [{ "op": "replace", "path": "owner", "value": "x" }] }""" },
        { "PATCH", "/Groups/{group}", """{ "Operations": [{ "op": "add", "path": "members", "value": [{ "display": "no value" }] }] }""" },
        { "PATCH", "/Groups/{group}", """{ "Operations": [{ "op": "add", "path": "members[value eq \"x\"]", "value": [] }] }""" },
        { "PATCH", "/Groups/{group}", """{ "Operations": [{ "op": "remove", "path": "displayName" }] }""" },
        { "POST", "/Groups", """{ "members": [] }""" },
        { "POST", "/Groups", """{ "displayName": ["x"] }""" },
        { "GET", "/Users?filter=" + Uri.EscapeDataString(new string('(', 1500)), null },
        { "GET", "/Users?filter=" + Uri.EscapeDataString("userName eq \"\\u12\""), null },
        { "GET", "/Users?startIndex=99999999999999999999", null },
        { "GET", "/Users?count=-5&startIndex=-3", null },
        { "GET", "/Users/" + new string('x', 5000), null },
        { "GET", "/Users/%20", null },
        { "PUT", "/Users/{user}", """{ "userName": null }""" },
        { "DELETE", "/Groups/..%2F..%2Fapi", null },
    };

    // Each hostile request is answered with a 4xx (or a 200 where it reads as harmless), never a 5xx, and errors are SCIM error bodies.
    [Theory]
    [MemberData(nameof(HostileRequests))]
    public async Task Hostile_input_is_a_client_error_never_a_server_error(string method, string path, string? body)
    {
        var api = fixture.Gateway.CreateClient((await fixture.CreateAccountAsync()).ApiKey);
        var user = await api.CreateUserAsync($"target{Guid.NewGuid():N}@acme.test");
        var group = (await api.ScimPostAsync("/Groups", $$"""{ "displayName": "g{{Guid.NewGuid():N}}" }""")).Id;

        var answer = await api.ScimAsync(new HttpMethod(method), path.Replace("{user}", user).Replace("{group}", group), body);

        Assert.True((int)answer.Status < 500, answer.ToString());
        if ((int)answer.Status >= 400)
        {
            Assert.Equal("application/scim+json", answer.ContentType);
            Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", answer.Body.GetProperty("schemas")[0].GetString());
        }
        Assert.True((await api.ScimGetAsync($"/Users/{user}")).Body.GetProperty("active").GetBoolean());
    }

    // A body over 1 MiB is refused with 413 before it is read whole; a body that is not JSON by its media type is a 415.
    [Fact]
    public async Task Oversized_and_wrongly_typed_bodies_are_refused()
    {
        var api = fixture.Gateway.CreateClient((await fixture.CreateAccountAsync()).ApiKey);

        var big = await api.ScimPostAsync("/Users", "{ \"userName\": \"x\", \"pad\": \"" + new string('a', 1_100_000) + "\" }");
        var xml = await api.ScimAsync(HttpMethod.Post, "/Users", "<user/>", "application/xml");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.Status);
        Assert.Equal(0, (await api.ScimGetAsync("/Users")).Body.GetProperty("totalResults").GetInt32());
    }

    // Plain application/json bodies are accepted too (some IdPs and every curl user send them).
    [Fact]
    public async Task Application_json_bodies_are_accepted()
    {
        var api = fixture.Gateway.CreateClient((await fixture.CreateAccountAsync()).ApiKey);

        var answer = await api.ScimAsync(HttpMethod.Post, "/Users", """{ "userName": "json@acme.test" }""", "application/json");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
    }
}
