using System.Net;
using Fleet.Gateway.Tests.Agents;
using static Fleet.Gateway.Tests.Scim.ScimApi;

namespace Fleet.Gateway.Tests.Scim;

/// <summary>/scim/v2/Users on a real gateway process, with the bodies Okta's and Entra ID's SCIM documentation shows and RFC 7643's example.</summary>
public sealed class ScimUserApiTests(AgentGatewayFixture fixture) : IClassFixture<AgentGatewayFixture>
{
    private async Task<HttpClient> NewAccountAsync() => fixture.Gateway.CreateClient((await fixture.CreateAccountAsync()).ApiKey);

    // Okta's flow: look the user up by userName, create it with Okta's body, deactivate it with Okta's PATCH (no path).
    [Fact]
    public async Task Okta_looks_up_creates_and_deactivates_a_user()
    {
        var api = await NewAccountAsync();
        var lookup = await api.ScimGetAsync("/Users?filter=" + Uri.EscapeDataString("userName eq \"test.user@okta.local\"") + "&startIndex=1&count=100");
        Assert.Equal((HttpStatusCode.OK, 0), (lookup.Status, lookup.Body.GetProperty("totalResults").GetInt32()));

        var created = await api.ScimPostAsync("/Users", """
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "userName": "test.user@okta.local",
              "name": { "givenName": "Test", "familyName": "User" },
              "emails": [{ "primary": true, "value": "test.user@okta.local", "type": "work" }],
              "displayName": "Test User",
              "locale": "en-US",
              "externalId": "00ujl29u0le5T6Aj10h7",
              "groups": [],
              "password": "1mz050nq",
              "active": true
            }
            """);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("application/scim+json", created.ContentType);
        Assert.EndsWith($"/scim/v2/Users/{created.Id}", created.Headers.Location!.ToString());
        Assert.Equal("Test", created.Body.GetProperty("name").GetProperty("givenName").GetString());
        Assert.False(created.Body.TryGetProperty("password", out _));

        var deactivated = await api.ScimPatchAsync($"/Users/{created.Id}", """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "replace", "value": { "active": false } }]
            }
            """);
        Assert.Equal(HttpStatusCode.OK, deactivated.Status);
        Assert.False(deactivated.Body.GetProperty("active").GetBoolean());
        var read = await api.ScimGetAsync($"/Users/{created.Id}");
        Assert.False(read.Body.GetProperty("active").GetBoolean());
        Assert.Equal("User", read.Body.GetProperty("name").GetProperty("familyName").GetString());
    }

    // Entra ID's flow: its create body (enterprise extension included), then its PATCH with capitalised ops, paths and "False" as a string.
    [Fact]
    public async Task Entra_id_creates_updates_by_path_and_disables_with_a_string_boolean()
    {
        var api = await NewAccountAsync();
        var created = await api.ScimPostAsync("/Users", """
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
              "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
              "active": true,
              "emails": [{ "primary": true, "type": "work", "value": "Test_User_fd0ea13b-3e11-4ab8-a2d4-d3d7a0c9d4b4@testuser.com" }],
              "meta": { "resourceType": "User" },
              "name": { "formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName" },
              "roles": []
            }
            """);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var byExternalId = await api.ScimGetAsync(Filter("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""));
        Assert.Equal(["Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1"], UserNames(byExternalId));

        var updated = await api.ScimPatchAsync($"/Users/{created.Id}", """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [
                { "op": "Replace", "path": "emails[type eq \"work\"].value", "value": "updatedEmail@microsoft.com" },
                { "op": "Replace", "path": "name.familyName", "value": "updatedFamilyName" },
                { "op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "value": "701984" }
              ]
            }
            """);
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("updatedEmail@microsoft.com", updated.Body.GetProperty("emails")[0].GetProperty("value").GetString());
        Assert.Equal("updatedFamilyName", updated.Body.GetProperty("name").GetProperty("familyName").GetString());
        Assert.Equal(["Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1"], UserNames(await api.ScimGetAsync(Filter("emails[type eq \"work\"].value eq \"updatedEmail@microsoft.com\""))));

        var disabled = await api.ScimPatchAsync($"/Users/{created.Id}", """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "Replace", "path": "active", "value": "False" }] }
            """);
        Assert.Equal(HttpStatusCode.OK, disabled.Status);
        Assert.False(disabled.Body.GetProperty("active").GetBoolean());
    }

    // RFC 7643 §8.2's full user: what Fleet keeps is returned, the rest (addresses, phone numbers, x509…) is accepted and dropped.
    [Fact]
    public async Task The_rfc_full_user_example_is_accepted_and_read_back()
    {
        var api = await NewAccountAsync();
        var created = await api.ScimPostAsync("/Users", """
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "externalId": "701984",
              "userName": "bjensen@example.com",
              "name": { "formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Barbara", "middleName": "Jane", "honorificPrefix": "Ms.", "honorificSuffix": "III" },
              "displayName": "Babs Jensen",
              "nickName": "Babs",
              "profileUrl": "https://login.example.com/bjensen",
              "emails": [
                { "value": "bjensen@example.com", "type": "work", "primary": true },
                { "value": "babs@jensen.org", "type": "home" }
              ],
              "addresses": [{ "type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood", "region": "CA", "postalCode": "91608", "country": "USA", "primary": true }],
              "phoneNumbers": [{ "value": "555-555-5555", "type": "work" }],
              "ims": [{ "value": "someaimhandle", "type": "aim" }],
              "userType": "Employee",
              "title": "Tour Guide",
              "preferredLanguage": "en-US",
              "locale": "en-US",
              "timezone": "America/Los_Angeles",
              "active": true,
              "password": "t1meMa$heen"
            }
            """);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var read = await api.ScimGetAsync($"/Users/{created.Id}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("Babs Jensen", read.Body.GetProperty("displayName").GetString());
        Assert.Equal("Ms. Barbara J Jensen, III", read.Body.GetProperty("name").GetProperty("formatted").GetString());
        Assert.Equal(2, read.Body.GetProperty("emails").GetArrayLength());
        Assert.Equal("User", read.Body.GetProperty("meta").GetProperty("resourceType").GetString());
        Assert.Equal(read.Body.GetProperty("meta").GetProperty("version").GetString(), read.Headers.ETag!.ToString());
    }

    // A taken userName (compared without case) is a 409 with scimType uniqueness, in a SCIM error body.
    [Fact]
    public async Task A_taken_user_name_is_a_uniqueness_conflict()
    {
        var api = await NewAccountAsync();
        await api.CreateUserAsync("ann@acme.test");

        var again = await api.ScimPostAsync("/Users", """{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "ANN@acme.test" }""");

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("uniqueness", again.ScimType);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", again.Body.GetProperty("schemas")[0].GetString());
        Assert.Equal("409", again.Body.GetProperty("status").GetString());
        Assert.Equal("application/scim+json", again.ContentType);
    }

    // Twenty concurrent creates of one userName: exactly one is created, every other is a 409, and one user is listed.
    [Fact]
    public async Task Concurrent_creates_of_one_user_name_create_exactly_one_user()
    {
        var api = await NewAccountAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            api.ScimPostAsync("/Users", """{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "race@acme.test" }""")));

        Assert.Equal(1, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.Equal(19, answers.Count(a => a.Status == HttpStatusCode.Conflict && a.ScimType == "uniqueness"));
        Assert.Equal(["race@acme.test"], UserNames(await api.ScimGetAsync(Filter("userName eq \"race@acme.test\""))));
    }

    // eq, co, sw over userName, externalId and emails.value, combined with and/or; a bad filter is 400 invalidFilter.
    [Fact]
    public async Task Filters_select_users_and_a_bad_filter_is_invalid_filter()
    {
        var api = await NewAccountAsync();
        await api.CreateUserAsync("ann@acme.test", externalId: "okta-1");
        await api.CreateUserAsync("anna@acme.test", email: "anna@home.test", externalId: "okta-2");
        await api.CreateUserAsync("bob@acme.test", externalId: "okta-3");

        Assert.Equal(["ann@acme.test", "anna@acme.test"], UserNames(await api.ScimGetAsync(Filter("userName sw \"ann\""))));
        Assert.Equal(["anna@acme.test"], UserNames(await api.ScimGetAsync(Filter("emails.value co \"home\""))));
        Assert.Equal(["ann@acme.test", "bob@acme.test"], UserNames(await api.ScimGetAsync(Filter("externalId eq \"okta-1\" or (userName co \"bob\" and externalId sw \"okta\")"))));
        var bad = await api.ScimGetAsync(Filter("userName eq ann"));
        Assert.Equal((HttpStatusCode.BadRequest, "invalidFilter"), (bad.Status, bad.ScimType));
        Assert.Contains("double quotes", bad.Body.GetProperty("detail").GetString());
    }

    // startIndex is 1-based, count is the page size (capped at 200), totalResults counts every match.
    [Fact]
    public async Task Lists_page_with_start_index_and_count()
    {
        var api = await NewAccountAsync();
        foreach (var i in Enumerable.Range(1, 5))
            await api.CreateUserAsync($"user{i}@acme.test");

        var page = await api.ScimGetAsync("/Users?startIndex=2&count=2");
        var past = await api.ScimGetAsync("/Users?startIndex=9&count=2");
        var huge = await api.ScimGetAsync("/Users?count=100000");

        Assert.Equal(["user2@acme.test", "user3@acme.test"], UserNames(page));
        Assert.Equal((5, 2, 2), (page.Body.GetProperty("totalResults").GetInt32(), page.Body.GetProperty("startIndex").GetInt32(), page.Body.GetProperty("itemsPerPage").GetInt32()));
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", page.Body.GetProperty("schemas")[0].GetString());
        Assert.Empty(UserNames(past));
        Assert.Equal(5, UserNames(huge).Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.ScimGetAsync("/Users?count=many")).Status);
    }

    // PUT replaces the whole user (omitted attributes go); DELETE removes it, after which it is a 404.
    [Fact]
    public async Task Put_replaces_and_delete_removes()
    {
        var api = await NewAccountAsync();
        var id = await api.CreateUserAsync("carl@acme.test", externalId: "x-1");

        var replaced = await api.ScimPutAsync($"/Users/{id}", """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "carl.new@acme.test", "active": true,
              "emails": [{ "value": "carl.new@acme.test", "primary": true }] }
            """);
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Equal("carl.new@acme.test", replaced.Body.GetProperty("userName").GetString());
        Assert.False(replaced.Body.TryGetProperty("externalId", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await api.ScimDeleteAsync($"/Users/{id}")).Status);
        var gone = await api.ScimGetAsync($"/Users/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("404", gone.Body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.ScimDeleteAsync($"/Users/{id}")).Status);
    }

    // A PUT that takes another user's userName is refused like a create.
    [Fact]
    public async Task A_put_to_a_taken_user_name_is_a_uniqueness_conflict()
    {
        var api = await NewAccountAsync();
        await api.CreateUserAsync("dora@acme.test");
        var id = await api.CreateUserAsync("ed@acme.test");

        var answer = await api.ScimPutAsync($"/Users/{id}", """{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "Dora@acme.test" }""");

        Assert.Equal((HttpStatusCode.Conflict, "uniqueness"), (answer.Status, answer.ScimType));
    }

    // The dashboard's summary: the endpoint to give the IdP, counts, and each person's status by lower-case e-mail.
    [Fact]
    public async Task The_status_endpoint_gives_the_scim_url_and_each_persons_idp_status()
    {
        var api = await NewAccountAsync();
        await api.CreateUserAsync("ann", email: "Ann@Acme.test");
        await api.CreateUserAsync("bob", email: "bob@acme.test", active: false);

        var status = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(api, "/api/v1/scim/status");

        Assert.EndsWith("/scim/v2", status.GetProperty("endpoint").GetString());
        Assert.Equal((2, 0), (status.GetProperty("users").GetInt32(), status.GetProperty("groups").GetInt32()));
        Assert.Equal([("ann@acme.test", true), ("bob@acme.test", false)],
            status.GetProperty("people").EnumerateArray().Select(p => (p.GetProperty("email").GetString()!, p.GetProperty("active").GetBoolean())));
    }
}
