using System.Net;
using Fleet.Gateway.Tests.Agents;

namespace Fleet.Gateway.Tests.Scim;

/// <summary>/scim/v2/Groups: create, members added and removed by PATCH as Okta and Entra ID send it, rename, delete.</summary>
public sealed class ScimGroupApiTests(AgentGatewayFixture fixture) : IClassFixture<AgentGatewayFixture>
{
    private async Task<HttpClient> NewAccountAsync() => fixture.Gateway.CreateClient((await fixture.CreateAccountAsync()).ApiKey);

    private static List<string> Members(ScimAnswer group) =>
        [.. group.Body.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("value").GetString()!).Order(StringComparer.Ordinal)];

    // Okta: create with its body, add members (path members), remove one by value filter path, rename with a no-path replace.
    [Fact]
    public async Task Okta_creates_a_group_changes_its_members_and_renames_it()
    {
        var api = await NewAccountAsync();
        var ann = await api.CreateUserAsync("ann@acme.test");
        var bob = await api.CreateUserAsync("bob@acme.test");
        var created = await api.ScimPostAsync("/Groups", """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Test SCIMv2", "members": [] }
            """);
        Assert.Equal(HttpStatusCode.Created, created.Status);

        var added = await api.ScimPatchAsync($"/Groups/{created.Id}", $$"""
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "add", "path": "members", "value": [{ "value": "{{ann}}", "display": "ann@acme.test" }, { "value": "{{bob}}", "display": "bob@acme.test" }] }] }
            """);
        Assert.Equal(HttpStatusCode.NoContent, added.Status);
        Assert.Equal(new[] { ann, bob }.Order(StringComparer.Ordinal), Members(await api.ScimGetAsync($"/Groups/{created.Id}")));

        await api.ScimPatchAsync($"/Groups/{created.Id}", $$"""
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "remove", "path": "members[value eq \"{{ann}}\"]" }] }
            """);
        await api.ScimPatchAsync($"/Groups/{created.Id}", $$"""
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "replace", "value": { "id": "{{created.Id}}", "displayName": "Renamed" } }] }
            """);

        var read = await api.ScimGetAsync($"/Groups/{created.Id}");
        Assert.Equal([bob], Members(read));
        Assert.Equal("Renamed", read.Body.GetProperty("displayName").GetString());
    }

    // Entra ID: members added and removed with capitalised ops and a value array; rename by path; its look-up filter; excludedAttributes.
    [Fact]
    public async Task Entra_id_adds_and_removes_members_and_renames_by_path()
    {
        var api = await NewAccountAsync();
        var ann = await api.CreateUserAsync("ann@acme.test");
        var created = await api.ScimPostAsync("/Groups", """
            { "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", "id": "c4ed7b0c-ce43-45a6-9a51-2e1a6b2bdb18",
              "displayName": "Group1DisplayName", "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "meta": { "resourceType": "Group" } }
            """);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.NotEqual("c4ed7b0c-ce43-45a6-9a51-2e1a6b2bdb18", created.Id);

        await api.ScimPatchAsync($"/Groups/{created.Id}", $$"""
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "name": "addMember", "op": "Add", "path": "members", "value": [{ "displayName": "new_user", "value": "{{ann}}" }] }] }
            """);
        var withAnn = await api.ScimGetAsync("/Groups?filter=" + Uri.EscapeDataString($"id eq \"{created.Id}\" and members eq \"{ann}\"") + "&excludedAttributes=members");
        Assert.Equal(1, withAnn.Body.GetProperty("totalResults").GetInt32());
        Assert.False(withAnn.Body.GetProperty("Resources")[0].TryGetProperty("members", out _));

        await api.ScimPatchAsync($"/Groups/{created.Id}", $$"""
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "name": "removeMember", "op": "Remove", "path": "members", "value": [{ "value": "{{ann}}" }] }] }
            """);
        await api.ScimPatchAsync($"/Groups/{created.Id}", """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "Replace", "path": "displayName", "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName" }] }
            """);

        var read = await api.ScimGetAsync($"/Groups/{created.Id}");
        Assert.Empty(Members(read));
        Assert.Equal("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName", read.Body.GetProperty("displayName").GetString());
        var byName = await api.ScimGetAsync("/Groups?filter=" + Uri.EscapeDataString("displayName eq \"1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName\""));
        Assert.Equal(1, byName.Body.GetProperty("totalResults").GetInt32());
    }

    // RFC 7644 §3.5.2.1's example adds a member; a member that is not a user of the account is refused, nothing changes.
    [Fact]
    public async Task Only_users_of_the_account_can_be_members()
    {
        var api = await NewAccountAsync();
        var group = await api.ScimPostAsync("/Groups", """{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Tour Guides" }""");

        var answer = await api.ScimPatchAsync($"/Groups/{group.Id}", """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "add", "path": "members", "value": [{ "display": "Babs Jensen", "$ref": "https://example.com/v2/Users/2819c223...413861904646", "value": "2819c223-7f76-453a-919d-413861904646" }] }] }
            """);

        Assert.Equal((HttpStatusCode.BadRequest, "invalidValue"), (answer.Status, answer.ScimType));
        Assert.Empty(Members(await api.ScimGetAsync($"/Groups/{group.Id}")));
    }

    // Deleting a user takes it out of its groups; deleting a group makes it a 404.
    [Fact]
    public async Task Deleting_a_user_leaves_its_groups_and_a_deleted_group_is_gone()
    {
        var api = await NewAccountAsync();
        var ann = await api.CreateUserAsync("ann@acme.test");
        var group = await api.ScimPostAsync("/Groups", $$"""{ "displayName": "Eng", "members": [{ "value": "{{ann}}" }] }""");
        Assert.Equal([ann], Members(group));

        await api.ScimDeleteAsync($"/Users/{ann}");
        Assert.Empty(Members(await api.ScimGetAsync($"/Groups/{group.Id}")));

        Assert.Equal(HttpStatusCode.NoContent, (await api.ScimDeleteAsync($"/Groups/{group.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.ScimGetAsync($"/Groups/{group.Id}")).Status);
    }

    // Concurrent member additions to one group all land: the directory applies each PATCH in one turn.
    [Fact]
    public async Task Concurrent_member_additions_all_land()
    {
        var api = await NewAccountAsync();
        var users = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => api.CreateUserAsync($"u{i}@acme.test")));
        var group = await api.ScimPostAsync("/Groups", """{ "displayName": "All" }""");

        await Task.WhenAll(users.Select(u => api.ScimPatchAsync($"/Groups/{group.Id}",
            $$"""{ "Operations": [{ "op": "add", "path": "members", "value": [{ "value": "{{u}}" }] }] }""")));

        Assert.Equal(users.Order(StringComparer.Ordinal), Members(await api.ScimGetAsync($"/Groups/{group.Id}")));
    }
}
