using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Invites;

namespace Fleet.Gateway.Tests.Agents;

/// <summary>Cluster mode: a real PostgreSQL, one silo process and two gateway processes.</summary>
public sealed class AgentPushAcrossGatewaysTests
{
    // Proves the observer path: a policy change made through gateway A reaches an agent whose stream is on gateway B,
    // and scan-now through A reaches it too.
    [Fact]
    public async Task A_policy_change_through_one_gateway_reaches_an_agent_on_another()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        const string clusterId = "agent-push";
        await using var silo = await StartSiloAsync(connectionString, clusterId);
        await using var gatewayA = await GatewayProcess.StartClusterClientAsync(connectionString, clusterId);
        await using var gatewayB = await GatewayProcess.StartClusterClientAsync(connectionString, clusterId);
        var account = await gatewayA.CreateOperatorClient().CreateAccountAsync("Spread");
        var invite = (await gatewayA.CreateClient(account.ApiKey).InviteAsync("erin@spread.test")).Single();
        using var agentOnB = new AgentClient(gatewayB);
        var enrolled = await agentOnB.EnrollAsync(invite.Code, AgentClient.Facts(Guid.NewGuid().ToString("N")));
        await using var session = await agentOnB.ConnectAsync(enrolled.AgentToken);
        Assert.Equal(0, (await session.NextAsync(ServerMessage.BodyOneofCase.Policy)).Policy.PolicyVersion);

        using var put = await gatewayA.CreateClient(account.ApiKey).PutAsync("/api/v1/policy",
            new StringContent("diskEncryption: ALWAYS\n", System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        var update = (await session.NextAsync(m => m.Policy?.PolicyVersion == 1)).Policy;
        Assert.Contains("diskEncryption", update.PolicyJson);

        using var scan = await gatewayA.CreateClient(account.ApiKey).PostAsync($"/api/v1/devices/{enrolled.DeviceId}/scan", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, scan.StatusCode);
        await session.NextAsync(ServerMessage.BodyOneofCase.ScanNow);
    }

    // Proves the reconnect race across gateways is closed end to end: the agent's stream moved from gateway A to gateway B,
    // and A ending the old stream afterwards (its offline call is done once the agent sees the stream's end) leaves it online.
    [Fact]
    public async Task An_old_stream_ending_on_one_gateway_does_not_mark_offline_an_agent_connected_to_another()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        const string clusterId = "agent-move";
        await using var silo = await StartSiloAsync(connectionString, clusterId);
        await using var gatewayA = await GatewayProcess.StartClusterClientAsync(connectionString, clusterId);
        await using var gatewayB = await GatewayProcess.StartClusterClientAsync(connectionString, clusterId);
        var account = await gatewayA.CreateOperatorClient().CreateAccountAsync("Moving");
        var api = gatewayB.CreateClient(account.ApiKey);
        var invite = (await api.InviteAsync("finn@moving.test")).Single();
        using var agentOnA = new AgentClient(gatewayA);
        using var agentOnB = new AgentClient(gatewayB);
        var enrolled = await agentOnA.EnrollAsync(invite.Code, AgentClient.Facts(Guid.NewGuid().ToString("N")));
        await using var oldStream = await agentOnA.ConnectAsync(enrolled.AgentToken);
        await oldStream.NextAsync(ServerMessage.BodyOneofCase.Policy);
        // The policy comes after the device was marked online on this stream.
        await using var newStream = await agentOnB.ConnectAsync(enrolled.AgentToken);
        await newStream.NextAsync(ServerMessage.BodyOneofCase.Policy);

        await oldStream.CompleteAsync();
        Assert.Equal(Grpc.Core.StatusCode.OK, (await oldStream.EndAsync()).StatusCode);

        using var device = System.Text.Json.JsonDocument.Parse(await api.GetStringAsync($"/api/v1/devices/{enrolled.DeviceId}"));
        Assert.True(device.RootElement.GetProperty("device").GetProperty("online").GetBoolean());
    }

    private static async Task<FleetProcess> StartSiloAsync(string connectionString, string clusterId)
    {
        var healthPort = FreePort.Next();
        var process = FleetProcess.Start(BuiltHost.SiloDll, new Dictionary<string, string>
        {
            ["Fleet:Storage:Provider"] = "postgres",
            ["Fleet:Storage:ConnectionString"] = connectionString,
            ["Fleet:ClusterId"] = clusterId,
            ["Fleet:AdvertisedAddress"] = "127.0.0.1",
            ["Fleet:SiloPort"] = FreePort.Next().ToString(),
            ["Fleet:SiloGatewayPort"] = FreePort.Next().ToString(),
            ["Fleet:HealthPort"] = healthPort.ToString(),
        });
        await process.WaitUntilAnswersAsync($"http://127.0.0.1:{healthPort}/readyz", TimeSpan.FromSeconds(90));
        return process;
    }
}
