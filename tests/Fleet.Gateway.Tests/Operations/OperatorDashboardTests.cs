using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Fleet.Gateway.Tests.Accounts;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Operations;

public sealed class OperatorDashboardTests(EmbeddedGatewayFixture fixture) : IClassFixture<EmbeddedGatewayFixture>
{
    // Proves a browser is asked for the operator key (Basic challenge) instead of being shown the dashboard.
    [Fact]
    public async Task The_Orleans_dashboard_asks_for_credentials()
    {
        using var response = await fixture.Gateway.CreateClient().GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task The_operator_key_as_basic_password_opens_the_Orleans_dashboard()
    {
        using var response = await Send(GatewayProcess.OperatorKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Orleans Dashboard", await response.Content.ReadAsStringAsync());
    }

    // Proves an account key, even a valid one, does not open the cluster-wide dashboard.
    [Fact]
    public async Task An_account_key_does_not_open_the_Orleans_dashboard()
    {
        var account = await fixture.Gateway.CreateOperatorClient().CreateAccountAsync("Tenant");

        using var response = await Send(account.ApiKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<HttpResponseMessage> Send(string password)
    {
        using var client = fixture.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + password)));
        return await client.GetAsync("/dashboard/");
    }
}
