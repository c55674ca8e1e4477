using System.Net;
using Fleet.Gateway.Tests.Graph;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Scim;

/// <summary>The directory survives a restart of the gateway process, and its per-account bounds hold before and after.</summary>
public sealed class ScimPersistenceTests
{
    // Users, groups, uniqueness and the graph survive a restart; the user limit (here 3) refuses a 4th with 403 both
    // times, and the membership limit (here 2) refuses a group change that would pass it.
    [Fact]
    public async Task The_directory_survives_a_restart_and_its_limits_hold()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path, new Dictionary<string, string>
        {
            ["Fleet:Scim:MaxUsersPerAccount"] = "3",
            ["Fleet:Scim:MaxMembershipsPerAccount"] = "2",
        });
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("Acme");
        var api = gateway.CreateClient(account.ApiKey);
        var ann = await api.CreateUserAsync("ann@acme.test", externalId: "okta-ann");
        var bob = await api.CreateUserAsync("bob@acme.test");
        var cat = await api.CreateUserAsync("cat@acme.test");
        var group = (await api.ScimPostAsync("/Groups", $$"""{ "displayName": "Eng", "members": [{ "value": "{{ann}}" }] }""")).Id;
        // Memberships are capped at 2: adding two to a group of one is refused whole, adding one fits.
        var tooMany = await api.ScimPatchAsync($"/Groups/{group}", $$"""{ "Operations": [{ "op": "add", "path": "members", "value": [{ "value": "{{bob}}" }, { "value": "{{cat}}" }] }] }""");
        Assert.Equal(HttpStatusCode.Forbidden, tooMany.Status);
        Assert.Equal(HttpStatusCode.NoContent, (await api.ScimPatchAsync($"/Groups/{group}", $$"""{ "Operations": [{ "op": "add", "path": "members", "value": [{ "value": "{{bob}}" }] }] }""")).Status);
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
        Assert.Equal(["ann@acme.test", "bob@acme.test"], members.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("u.userName").GetString()!).Order(StringComparer.Ordinal));
    }
}
