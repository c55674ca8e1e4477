using System.Net;
using Fleet.Gateway.Tests.Graph;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Scim;

/// <summary>The directory survives a restart of the gateway process, and its per-account bounds hold before and after.</summary>
public sealed class ScimPersistenceTests
{
    // Users, groups, uniqueness and the graph survive a restart; the user limit (here 3) refuses a 4th with 403 both times.
    [Fact]
    public async Task The_directory_survives_a_restart_and_its_user_limit_holds()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path, new Dictionary<string, string> { ["Fleet:Scim:MaxUsersPerAccount"] = "3" });
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("Acme");
        var api = gateway.CreateClient(account.ApiKey);
        var ann = await api.CreateUserAsync("ann@acme.test", externalId: "okta-ann");
        await api.CreateUserAsync("bob@acme.test");
        await api.CreateUserAsync("cat@acme.test");
        var group = (await api.ScimPostAsync("/Groups", $$"""{ "displayName": "Eng", "members": [{ "value": "{{ann}}" }] }""")).Id;
        var full = await api.ScimPostAsync("/Users", """{ "userName": "dan@acme.test" }""");
        Assert.Equal(HttpStatusCode.Forbidden, full.Status);
        Assert.Contains("MaxUsersPerAccount", full.Body.GetProperty("detail").GetString());

        await gateway.RestartAsync();
        api = gateway.CreateClient(account.ApiKey);

        Assert.Equal(["ann@acme.test"], ScimApi.UserNames(await api.ScimGetAsync(ScimApi.Filter("externalId eq \"okta-ann\""))));
        Assert.Contains(ann, (await api.ScimGetAsync($"/Groups/{group}")).Body.GetProperty("members").GetRawText());
        Assert.Equal(HttpStatusCode.Conflict, (await api.ScimPostAsync("/Users", """{ "userName": "BOB@acme.test" }""")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ScimPostAsync("/Users", """{ "userName": "dan@acme.test" }""")).Status);
        var members = await api.QueryAsync("FIND UserGroup THAT HAS User AS u RETURN u.userName");
        Assert.Equal("ann@acme.test", Assert.Single(members.GetProperty("data").EnumerateArray()).GetProperty("u.userName").GetString());
    }
}
