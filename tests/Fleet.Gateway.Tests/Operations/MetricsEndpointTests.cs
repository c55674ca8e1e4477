using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Fleet.Gateway.Tests.Accounts;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Operations;

/// <summary>The Prometheus scrape endpoint (/metrics) of a real gateway and a real silo process, for the operator only.</summary>
public sealed class MetricsEndpointTests(EmbeddedGatewayFixture fixture) : IClassFixture<EmbeddedGatewayFixture>
{
    // Proves the operator key scrapes the gateway's metrics in Prometheus' text format, Fleet's own meter included.
    [Fact]
    public async Task The_operator_key_scrapes_fleet_metrics_from_the_gateway()
    {
        var account = await fixture.Gateway.CreateOperatorClient().CreateAccountAsync("Metrics");
        using (var query = await fixture.Gateway.CreateClient(account.ApiKey).PostAsJsonAsync("/api/v1/query", new { query = "FIND Device" }))
            query.EnsureSuccessStatusCode();

        using var response = await fixture.Gateway.CreateOperatorClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE fleet_query_duration", body);
        Assert.Contains("http_server_request_duration_seconds", body);
    }

    // Proves neither no key nor an account key can read the deployment's metrics.
    [Fact]
    public async Task Without_the_operator_key_the_gateways_metrics_are_refused()
    {
        var account = await fixture.Gateway.CreateOperatorClient().CreateAccountAsync("Not operator");

        using var anonymous = await fixture.Gateway.CreateClient().GetAsync("/metrics");
        using var tenant = await fixture.Gateway.CreateClient(account.ApiKey).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tenant.StatusCode);
    }

    // Proves a silo process serves /metrics on its health port to the operator key only.
    [Fact]
    public async Task A_silo_serves_metrics_on_its_health_port_to_the_operator_key_only()
    {
        using var data = new TempDirectory();
        var healthPort = FreePort.Next();
        await using var silo = FleetProcess.Start(BuiltHost.SiloDll, new Dictionary<string, string>
        {
            ["Fleet:DataDirectory"] = data.Path,
            ["Fleet:SiloPort"] = FreePort.Next().ToString(),
            ["Fleet:SiloGatewayPort"] = FreePort.Next().ToString(),
            ["Fleet:HealthPort"] = healthPort.ToString(),
            ["Fleet:OperatorKey"] = GatewayProcess.OperatorKey,
        });
        await silo.WaitUntilAnswersAsync($"http://127.0.0.1:{healthPort}/healthz", TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{healthPort}") };

        using var anonymous = await http.GetAsync("/metrics");
        using var wrong = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "op_wrong") } });
        using var right = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", GatewayProcess.OperatorKey) } });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("# TYPE", await right.Content.ReadAsStringAsync());
    }
}
