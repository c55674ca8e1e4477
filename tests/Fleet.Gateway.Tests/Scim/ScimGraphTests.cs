using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Graph;
using Fleet.Gateway.Tests.Push;
using static Fleet.Gateway.Tests.Graph.GraphApi;

namespace Fleet.Gateway.Tests.Scim;

/// <summary>
/// Provisioned users and groups in the graph: <c>Person IS User</c> to the person an invite's device is owned by,
/// <c>UserGroup HAS User</c>, and the offboarding question live as a query, a standing query and an alert.
/// </summary>
public sealed class ScimGraphTests(AgentGatewayFixture fixture) : IClassFixture<AgentGatewayFixture>
{
    private const string Offboarding = "FIND Person THAT IS User WITH active=false THAT OWNS Device";
    private const string Deactivate = """{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "replace", "value": { "active": false } }] }""";

    private static List<string> Emails(JsonElement result) =>
        [.. result.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("properties").GetProperty("email").GetString()!).Order(StringComparer.Ordinal)];

    // The user is a User entity with its attributes, linked to the very Person that owns the invited device.
    [Fact]
    public async Task A_provisioned_user_is_the_user_of_the_person_who_owns_the_invited_device()
    {
        var agent = await fixture.EnrollAsync(email: "ann@acme.test");
        var api = fixture.Gateway.CreateClient(agent.Account.ApiKey);
        await api.CreateUserAsync("Ann.Smith", email: "Ann@Acme.test", externalId: "okta-ann");

        var rows = await api.QueryAsync("FIND Person AS p THAT IS User AS u THAT OWNS Device AS d RETURN p.email, u.userName, u.active, u.externalId, u.email, d.deviceId");

        var row = Assert.Single(rows.GetProperty("data").EnumerateArray());
        Assert.Equal("ann@acme.test", row.GetProperty("p.email").GetString());
        Assert.Equal("Ann.Smith", row.GetProperty("u.userName").GetString());
        Assert.True(row.GetProperty("u.active").GetBoolean());
        Assert.Equal("okta-ann", row.GetProperty("u.externalId").GetString());
        Assert.Equal(agent.DeviceId, row.GetProperty("d.deviceId").GetString());
        // One person, not a second one from the IdP: the device's and the user's Person are the same entity.
        Assert.Single((await api.QueryAsync("FIND Person")).GetProperty("data").EnumerateArray());
    }

    // The offboarding question as a query: empty while the user is active, the person once the IdP deactivates them.
    [Fact]
    public async Task The_offboarding_question_finds_a_deactivated_user_who_still_owns_a_device()
    {
        var agent = await fixture.EnrollAsync(email: "leaver@acme.test");
        var api = fixture.Gateway.CreateClient(agent.Account.ApiKey);
        var leaver = await api.CreateUserAsync("leaver@acme.test");
        await api.CreateUserAsync("stayer@acme.test");
        Assert.Empty(Emails(await api.QueryAsync(Offboarding)));

        Assert.Equal(HttpStatusCode.OK, (await api.ScimPatchAsync($"/Users/{leaver}", Deactivate)).Status);

        Assert.Equal(["leaver@acme.test"], Emails(await api.QueryAsync(Offboarding)));
    }

    // A device enrolled after its owner was already deactivated is found too (the person tells the directory).
    [Fact]
    public async Task A_device_enrolled_after_deactivation_is_found()
    {
        var account = await fixture.CreateAccountAsync();
        var api = fixture.Gateway.CreateClient(account.ApiKey);
        await api.CreateUserAsync("late@acme.test", active: false);

        await fixture.EnrollAsync(account, "late@acme.test");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Emails(await api.QueryAsync(Offboarding)) is not ["late@acme.test"])
            await Task.Delay(100, timeout.Token);
    }

    // As a standing query: the deactivation pushes the person to a subscribed dashboard.
    [Fact]
    public async Task A_standing_offboarding_query_is_told_of_the_deactivation()
    {
        var agent = await fixture.EnrollAsync(email: "sam@acme.test");
        var api = fixture.Gateway.CreateClient(agent.Account.ApiKey);
        var sam = await api.CreateUserAsync("sam@acme.test");
        await using var dashboard = await DashboardClient.ConnectAsync(fixture.Gateway, agent.Account.ApiKey);
        var (subscriptionId, result) = await dashboard.SubscribeQueryAsync(Offboarding);
        Assert.Empty(result.GetProperty("data").EnumerateArray());

        await api.ScimPatchAsync($"/Users/{sam}", Deactivate);

        var changed = await dashboard.NextAsync("queryResultChanged", c => c.GetProperty("subscriptionId").GetString() == subscriptionId);
        var person = Assert.Single(changed.GetProperty("added").EnumerateArray());
        Assert.Equal("person:sam@acme.test", person.GetProperty("entity").GetProperty("_key").GetString());
    }

    // As an alert rule: the deactivation raises it, the reactivation resolves it.
    [Fact]
    public async Task An_offboarding_alert_rises_on_deactivation_and_clears_on_reactivation()
    {
        var agent = await fixture.EnrollAsync(email: "kim@acme.test");
        var api = fixture.Gateway.CreateClient(agent.Account.ApiKey);
        var kim = await api.CreateUserAsync("kim@acme.test");
        await using var dashboard = await DashboardClient.ConnectAsync(fixture.Gateway, agent.Account.ApiKey);
        using var rule = await api.PostAsJsonAsync("/api/v1/alert-rules", new { name = "Leavers with devices", query = Offboarding, actions = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);

        await api.ScimPatchAsync($"/Users/{kim}", Deactivate);
        var raised = await dashboard.NextAsync("alertRaised");
        Assert.Equal("ACTIVE", raised.GetProperty("status").GetString());

        await api.ScimPatchAsync($"/Users/{kim}", """{ "Operations": [{ "op": "Replace", "path": "active", "value": "True" }] }""");
        var resolved = await dashboard.NextAsync("alertResolved");
        Assert.Equal("INACTIVE", resolved.GetProperty("status").GetString());
    }

    // Groups are UserGroup HAS User; membership changes and deletions follow in the graph.
    [Fact]
    public async Task Groups_have_their_members_in_the_graph()
    {
        var api = fixture.Gateway.CreateClient((await fixture.CreateAccountAsync()).ApiKey);
        var ann = await api.CreateUserAsync("ann@acme.test");
        var bob = await api.CreateUserAsync("bob@acme.test");
        var group = (await api.ScimPostAsync("/Groups", $$"""{ "displayName": "Engineering", "members": [{ "value": "{{ann}}" }, { "value": "{{bob}}" }] }""")).Id;
        const string members = "FIND UserGroup WITH displayName='Engineering' THAT HAS User AS u RETURN u.userName";
        static List<string> Names(JsonElement rows) => [.. rows.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("u.userName").GetString()!).Order(StringComparer.Ordinal)];
        Assert.Equal(["ann@acme.test", "bob@acme.test"], Names(await api.QueryAsync(members)));

        await api.ScimPatchAsync($"/Groups/{group}", $$"""{ "Operations": [{ "op": "remove", "path": "members[value eq \"{{ann}}\"]" }] }""");
        Assert.Equal(["bob@acme.test"], Names(await api.QueryAsync(members)));

        await api.ScimDeleteAsync($"/Users/{bob}");
        Assert.Empty(Names(await api.QueryAsync(members)));
        Assert.Equal(["ann@acme.test"], [.. (await api.QueryAsync("FIND User AS u RETURN u.userName")).GetProperty("data").EnumerateArray().Select(r => r.GetProperty("u.userName").GetString()!)]);

        await api.ScimDeleteAsync($"/Groups/{group}");
        Assert.Empty((await api.QueryAsync("FIND UserGroup")).GetProperty("data").EnumerateArray());
    }

    // A changed primary e-mail moves IS to the new person; the old person keeps its device but is no longer this user.
    [Fact]
    public async Task A_changed_primary_email_moves_the_user_to_the_new_person()
    {
        var api = fixture.Gateway.CreateClient((await fixture.CreateAccountAsync()).ApiKey);
        var id = await api.CreateUserAsync("pat", email: "pat@old.test");

        await api.ScimPatchAsync($"/Users/{id}", """{ "Operations": [{ "op": "Replace", "path": "emails[type eq \"work\"].value", "value": "pat@new.test" }] }""");

        Assert.Equal(["pat@new.test"], Emails(await api.QueryAsync("FIND Person THAT IS User")));
    }

    // The IdP's user cannot be deleted or taken over through POST /graph: it is the directory's.
    [Fact]
    public async Task A_provisioned_user_cannot_be_deleted_through_the_graph_api()
    {
        var api = fixture.Gateway.CreateClient((await fixture.CreateAccountAsync()).ApiKey);
        var id = await api.CreateUserAsync("vic@acme.test");

        using var delete = await api.PostAsJsonAsync("/api/v1/graph", new { deleteEntities = new[] { $"scim-user:{id}" } });

        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Single((await api.QueryAsync("FIND User")).GetProperty("data").EnumerateArray());
    }
}
