using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Gateway.Tests.Accounts;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Security;

/// <summary>Webhook destinations refused at rule creation by a gateway with its default settings (docs/security.md, Outbound connections).</summary>
public sealed class WebhookDestinationApiTests(EmbeddedGatewayFixture fixture) : IClassFixture<EmbeddedGatewayFixture>
{
    // Proves a rule whose webhook points into the service's own network, in any spelling, is refused with a 400 naming the field.
    [Theory]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://127.1/hook")]
    [InlineData("http://0x7f000001/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.7/hook")]
    [InlineData("http://[fd12::1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://224.0.0.1/hook")]
    public async Task A_webhook_into_a_private_range_is_refused_at_rule_creation(string endpoint)
    {
        var account = await fixture.Gateway.CreateOperatorClient().CreateAccountAsync("Ssrf");
        var api = fixture.Gateway.CreateClient(account.ApiKey);

        using var response = await api.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Exfiltrate",
            query = "FIND HostAgent",
            actions = new object[] { new { type = "WEBHOOK", endpoint } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["actions[0].endpoint"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>("/api/v1/alert-rules")).GetProperty("data").EnumerateArray());
    }
}
