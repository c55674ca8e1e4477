using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Push;
using Grpc.Core;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fleet.Gateway.Tests.Security;

/// <summary>Removing a device (docs/security.md, Authentication keys and revocation), through a real gateway and real agent streams.</summary>
public sealed class DeviceRemovalTests(AgentGatewayFixture fixture) : IClassFixture<AgentGatewayFixture>
{
    // Proves a removed device leaves lists, the graph and standing queries, its open stream ends and its token is refused.
    [Fact]
    public async Task A_removed_device_is_gone_everywhere_and_its_agent_is_cut_off()
    {
        var agent = await fixture.EnrollAsync();
        var api = fixture.Gateway.CreateClient(agent.Account.ApiKey);
        await using var dashboard = await DashboardClient.ConnectAsync(fixture.Gateway, agent.Account.ApiKey);
        var subscribed = await dashboard.Connection.InvokeAsync<JsonElement>("SubscribeQuery", "FIND HostAgent");
        using var client = new AgentClient(fixture.Gateway);
        await using var stream = await client.ConnectAsync(agent.Token);
        await stream.NextAsync(ServerMessage.BodyOneofCase.Policy);

        using var deleted = await api.DeleteAsync($"/api/v1/devices/{agent.DeviceId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await stream.EndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var removed = await dashboard.NextAsync("queryResultChanged");
        Assert.Equal(subscribed.GetProperty("subscriptionId").GetString(), removed.GetProperty("subscriptionId").GetString());
        Assert.NotEmpty(removed.GetProperty("removed").EnumerateArray());
        Assert.DoesNotContain(agent.DeviceId, await api.GetStringAsync("/api/v1/devices"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/devices/{agent.DeviceId}")).StatusCode);
        using var query = await api.PostAsJsonAsync("/api/v1/query", new { query = "FIND Device" });
        Assert.DoesNotContain(agent.DeviceId, await query.Content.ReadAsStringAsync());
        await using var again = client.Open(agent.Token);
        await again.SendAsync(new AgentMessage { Hello = new Hello { AgentVersion = "1.0.0" } }).ContinueWith(_ => { });
        Assert.Equal(StatusCode.Unauthenticated, (await again.EndAsync()).StatusCode);
    }

    // Proves another account cannot remove a device (404, the device stays), and a removed device cannot be removed twice.
    [Fact]
    public async Task Only_the_devices_own_account_removes_it_once()
    {
        var agent = await fixture.EnrollAsync();
        var other = await fixture.CreateAccountAsync("Other");

        using var foreign = await fixture.Gateway.CreateClient(other.ApiKey).DeleteAsync($"/api/v1/devices/{agent.DeviceId}");
        var api = fixture.Gateway.CreateClient(agent.Account.ApiKey);
        using var first = await api.DeleteAsync($"/api/v1/devices/{agent.DeviceId}");
        using var second = await api.DeleteAsync($"/api/v1/devices/{agent.DeviceId}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NoContent, HttpStatusCode.NotFound), (foreign.StatusCode, first.StatusCode, second.StatusCode));
    }
}
