using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Invites;

namespace Fleet.Gateway.Tests.Push;

/// <summary>
/// Cluster mode as processes: a throwaway PostgreSQL, one silo process and two gateway processes. The agent streams
/// into gateway A; the dashboard watches through gateway B.
/// </summary>
public sealed class TwoGatewaysPushTests
{
    // Proves an event reaches a dashboard on another gateway than the one holding the agent's stream.
    [Fact]
    public async Task A_change_reaches_a_dashboard_connected_to_the_other_gateway()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        const string clusterId = "push-two-gateways";
        using var data = new TempDirectory();
        await using var silo = await StartSiloAsync(connectionString, clusterId, data.Path);
        var settings = new Dictionary<string, string> { ["Fleet:DataDirectory"] = data.Path };
        await using var gatewayA = await GatewayProcess.StartClusterClientAsync(connectionString, clusterId, settings);
        await using var gatewayB = await GatewayProcess.StartClusterClientAsync(connectionString, clusterId, settings);

        var account = await gatewayA.CreateOperatorClient().CreateAccountAsync("Two gateways");
        var api = gatewayA.CreateClient(account.ApiKey);
        using var policy = await api.PutAsync("/api/v1/policy", new StringContent("firewall: ALWAYS\n", System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(policy.IsSuccessStatusCode, await policy.Content.ReadAsStringAsync());
        var invite = (await api.InviteAsync("ann@acme.test")).Single();
        using var agentClient = new AgentClient(gatewayA);
        var machineId = Guid.NewGuid().ToString("N");
        var enrolled = await agentClient.EnrollAsync(invite.Code, AgentClient.Facts(machineId));
        await using var dashboard = await DashboardClient.ConnectAsync(gatewayB, account.ApiKey);

        await using var session = await agentClient.ConnectAsync(enrolled.AgentToken);
        await session.SendReportAsync(AgentClient.Report(1, AgentClient.Facts(machineId, firewall: false)));

        var changed = await dashboard.NextAsync("deviceChanged");
        Assert.Equal((enrolled.DeviceId, "FAIL"), (changed.GetProperty("deviceId").GetString(), changed.GetProperty("newStatus").GetString()));
    }

    private static async Task<FleetProcess> StartSiloAsync(string connectionString, string clusterId, string dataDirectory)
    {
        var healthPort = FreePort.Next();
        var settings = ComposeFile.Load().Settings("silo");
        settings["Fleet:Storage:ConnectionString"] = connectionString;
        settings["Fleet:ClusterId"] = clusterId;
        settings["Fleet:AdvertisedAddress"] = "127.0.0.1";
        settings["Fleet:SiloPort"] = FreePort.Next().ToString();
        settings["Fleet:SiloGatewayPort"] = FreePort.Next().ToString();
        settings["Fleet:HealthPort"] = healthPort.ToString();
        settings["Fleet:DataDirectory"] = dataDirectory;
        var process = FleetProcess.Start(BuiltHost.SiloDll, settings);
        await process.WaitUntilAnswersAsync($"http://127.0.0.1:{healthPort}/readyz", TimeSpan.FromSeconds(90));
        return process;
    }
}
