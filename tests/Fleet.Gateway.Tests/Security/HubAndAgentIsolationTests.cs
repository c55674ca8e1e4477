using System.Net;
using System.Text.Json;
using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Invites;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fleet.Gateway.Tests.Security;

/// <summary>The SignalR hub and the agent gRPC service against the same two accounts as the REST matrix.</summary>
public sealed class HubAndAgentIsolationTests(TwoAccountsFixture fixture) : IClassFixture<TwoAccountsFixture>
{
    // Proves the hub refuses a connection without a key, with a wrong key and with the operator key (dashboards are per account).
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("fleet_wrong-key-wrong-key-wrong-key-wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData(GatewayProcess.OperatorKey, HttpStatusCode.Forbidden)]
    public async Task The_hub_refuses_a_connection_without_an_account_key(string? key, HttpStatusCode expected)
    {
        await using var connection = Hub(key);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(expected, refused.StatusCode);
    }

    // Proves a dashboard of account B sees nothing of A: a standing query over everything returns only B's entities.
    [Fact]
    public async Task A_standing_query_on_the_hub_never_returns_another_accounts_entities()
    {
        await using var connection = Hub(fixture.B.ApiKey);
        await connection.StartAsync();

        var subscribed = await connection.InvokeAsync<JsonElement>("SubscribeQuery", "FIND * LIMIT 1000");

        var text = subscribed.GetRawText();
        foreach (var secret in fixture.SecretsOfA)
            Assert.DoesNotContain(secret, text);
    }

    // Proves an agent's identity comes from its token only: B's agent reporting A's machine id and hostname changes
    // nothing of A's device (it updates B's own device).
    [Fact]
    public async Task An_agent_of_account_B_naming_As_machine_in_its_facts_changes_nothing_of_A()
    {
        var apiA = fixture.Gateway.CreateClient(fixture.A.ApiKey);
        var before = await apiA.GetStringAsync($"/api/v1/devices/{fixture.DeviceA}");
        var aFacts = JsonDocument.Parse(before).RootElement.GetProperty("facts");
        var code = (await fixture.Gateway.CreateClient(fixture.B.ApiKey).InviteAsync("mallory@b.test")).Single().Code;
        using var client = new AgentClient(fixture.Gateway);
        var mallory = await client.EnrollAsync(code, AgentClient.Facts(Guid.NewGuid().ToString("N"), hostname: "mallory"));

        await using var session = await client.ConnectAsync(mallory.AgentToken);
        var forged = AgentClient.Facts(fixture.MachineIdA, hostname: "secret-host-a", firewall: true);
        await session.SendReportAsync(AgentClient.Report(1, forged));
        await session.AckAsync(1);

        Assert.Equal(mallory.AccountId, fixture.B.Id);
        Assert.NotEqual(fixture.DeviceA, mallory.DeviceId);
        var after = JsonDocument.Parse(await apiA.GetStringAsync($"/api/v1/devices/{fixture.DeviceA}")).RootElement;
        Assert.Equal(aFacts.GetRawText(), after.GetProperty("facts").GetRawText());
        Assert.Equal("FAIL", after.GetProperty("device").GetProperty("status").GetString());
    }

    private HubConnection Hub(string? key) => new HubConnectionBuilder()
        .WithUrl(new Uri(fixture.Gateway.BaseAddress, "/hubs/fleet"), o =>
        {
            if (key is not null)
                o.AccessTokenProvider = () => Task.FromResult<string?>(key);
        })
        .Build();
}
