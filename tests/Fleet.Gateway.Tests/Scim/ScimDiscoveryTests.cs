using System.Net;
using Fleet.Gateway.Tests.Agents;

namespace Fleet.Gateway.Tests.Scim;

/// <summary>ServiceProviderConfig, ResourceTypes and Schemas (RFC 7644 §4) say what Fleet supports.</summary>
public sealed class ScimDiscoveryTests(AgentGatewayFixture fixture) : IClassFixture<AgentGatewayFixture>
{
    // The configuration says: PATCH yes, bulk/sort/password no, filter with its page cap, the bearer key as authentication.
    [Fact]
    public async Task The_service_provider_config_states_what_is_supported()
    {
        var api = fixture.Gateway.CreateClient((await fixture.CreateAccountAsync()).ApiKey);

        var config = await api.ScimGetAsync("/ServiceProviderConfig");

        Assert.Equal((HttpStatusCode.OK, "application/scim+json"), (config.Status, config.ContentType));
        Assert.True(config.Body.GetProperty("patch").GetProperty("supported").GetBoolean());
        Assert.False(config.Body.GetProperty("bulk").GetProperty("supported").GetBoolean());
        Assert.Equal(200, config.Body.GetProperty("filter").GetProperty("maxResults").GetInt32());
        Assert.Equal("oauthbearertoken", config.Body.GetProperty("authenticationSchemes")[0].GetProperty("type").GetString());
    }

    // Users and Groups are the resource types, each with its schema, which /Schemas describes.
    [Fact]
    public async Task Resource_types_and_schemas_describe_users_and_groups()
    {
        var api = fixture.Gateway.CreateClient((await fixture.CreateAccountAsync()).ApiKey);

        var types = await api.ScimGetAsync("/ResourceTypes");
        var schemas = await api.ScimGetAsync("/Schemas");
        var user = await api.ScimGetAsync("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");

        Assert.Equal(["/Groups", "/Users"], types.Body.GetProperty("Resources").EnumerateArray().Select(r => r.GetProperty("endpoint").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(2, schemas.Body.GetProperty("totalResults").GetInt32());
        Assert.Contains(user.Body.GetProperty("attributes").EnumerateArray(), a => a.GetProperty("name").GetString() == "userName" && a.GetProperty("uniqueness").GetString() == "server");
        Assert.Equal(HttpStatusCode.NotFound, (await api.ScimGetAsync("/ResourceTypes/Printer")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.ScimGetAsync("/Bulk")).Status);
    }
}
