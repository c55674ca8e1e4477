using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Gateway.Tests.Accounts;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Security;

/// <summary>Hostile values a real gateway answers with a 400 naming the field, never a 5xx or a stored value (docs/security.md, Bad input).</summary>
public sealed class BadInputTests(EmbeddedGatewayFixture fixture) : IClassFixture<EmbeddedGatewayFixture>
{
    // Proves a control character (NUL included) in a graph string is refused before it reaches storage (a NUL poisons PostgreSQL text).
    [Theory]
    [InlineData("displayName", "Ann\u0000Admin")]
    [InlineData("displayName", "Ann\u001b[2J")]
    [InlineData("properties.note", "a\u0000b")]
    [InlineData("properties.groups", "\u0000")]
    public async Task A_control_character_in_a_graph_string_is_400(string field, string value)
    {
        var api = await NewAccountAsync();
        var entity = new Dictionary<string, object> { ["_key"] = "okta:ann", ["_class"] = "User", ["_type"] = "okta_user", ["displayName"] = "Ann" };
        if (field == "displayName")
            entity["displayName"] = value;
        else if (field == "properties.groups")
            entity["properties"] = new Dictionary<string, object> { ["groups"] = new[] { "admins", value } };
        else
            entity["properties"] = new Dictionary<string, object> { ["note"] = value };

        using var response = await api.PostAsJsonAsync("/api/v1/graph", new { entities = new[] { entity } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.StartsWith($"entities[0].{field}", StringComparison.Ordinal));
        using var query = await api.PostAsJsonAsync("/api/v1/query", new { query = "FIND User" });
        Assert.Equal(0, (await query.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetArrayLength());
    }

    // Proves absurd numbers are a 400 naming the field: a polling interval of 1e300 (number or text) and a scan interval of 1e300.
    [Theory]
    [InlineData("/api/v1/alert-rules", """{"name":"r","query":"FIND HostAgent","pollingInterval":1e300}""", "pollingInterval")]
    [InlineData("/api/v1/alert-rules", """{"name":"r","query":"FIND HostAgent","pollingInterval":"1e300"}""", "pollingInterval")]
    [InlineData("/api/v1/alert-rules", """{"name":"r","query":"FIND HostAgent","pollingInterval":"P99999999D"}""", "pollingInterval")]
    [InlineData("/api/v1/settings", """{"scanIntervalSeconds":1e300}""", "scanIntervalSeconds")]
    public async Task An_absurd_number_is_400(string route, string body, string field)
    {
        var api = await NewAccountAsync();
        using var request = new HttpRequestMessage(route.EndsWith("settings") ? HttpMethod.Put : HttpMethod.Post, route)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<HttpClient> NewAccountAsync()
    {
        var account = await fixture.Gateway.CreateOperatorClient().CreateAccountAsync("BadInput");
        return fixture.Gateway.CreateClient(account.ApiKey);
    }
}
