using System.Net;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Cluster;

/// <summary>
/// The docker-compose topology, started as plain processes (no Docker engine here): a real PostgreSQL,
/// two silo processes and a gateway in cluster mode, each configured with the environment that
/// docker-compose.yml gives its service (only the database address, the ports and the cluster id differ).
/// </summary>
public sealed class ClusterTopologyTests
{
    // Proves grain state written through one silo survives the kill -9 of a silo and is served by the other.
    [Fact]
    public async Task Data_stays_readable_through_the_gateway_after_a_silo_is_killed()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        const string clusterId = "topology";
        await using var silo1 = await StartSiloAsync(connectionString, clusterId);
        await using var silo2 = await StartSiloAsync(connectionString, clusterId);
        await using var gateway = await GatewayProcess.StartClusterClientAsync(connectionString, clusterId);
        var operatorClient = gateway.CreateOperatorClient();
        var accounts = new List<CreatedAccount>();
        for (var i = 0; i < 6; i++)
            accounts.Add(await operatorClient.CreateAccountAsync($"Tenant {i}"));

        silo1.Process.Kill();

        foreach (var account in accounts)
        {
            var status = await EventuallyAsync(() => operatorClient.GetAsync($"/api/v1/accounts/{account.Id}"), TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.OK, status);
        }
    }

    // Proves several gateways can serve one cluster at once: what one creates, the other reads.
    [Fact]
    public async Task Two_gateways_share_one_cluster()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        const string clusterId = "two-gateways";
        await using var silo = await StartSiloAsync(connectionString, clusterId);
        await using var gatewayA = await GatewayProcess.StartClusterClientAsync(connectionString, clusterId);
        await using var gatewayB = await GatewayProcess.StartClusterClientAsync(connectionString, clusterId);

        var account = await gatewayA.CreateOperatorClient().CreateAccountAsync("Shared");

        using var response = await gatewayB.CreateClient(account.ApiKey).GetAsync($"/api/v1/accounts/{account.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<SiloProcess> StartSiloAsync(string connectionString, string clusterId)
    {
        var healthPort = FreePort.Next();
        var settings = ComposeFile.Load().Settings("silo");
        settings["Fleet:Storage:ConnectionString"] = connectionString;
        settings["Fleet:ClusterId"] = clusterId;
        settings["Fleet:AdvertisedAddress"] = "127.0.0.1";
        settings["Fleet:SiloPort"] = FreePort.Next().ToString();
        settings["Fleet:SiloGatewayPort"] = FreePort.Next().ToString();
        settings["Fleet:HealthPort"] = healthPort.ToString();
        var process = FleetProcess.Start(BuiltHost.SiloDll, settings);
        await process.WaitUntilAnswersAsync($"http://127.0.0.1:{healthPort}/readyz", TimeSpan.FromSeconds(90));
        return new SiloProcess(process);
    }

    /// <summary>Retries a request until it answers, for the seconds a cluster needs to notice a dead silo.</summary>
    private static async Task<HttpStatusCode> EventuallyAsync(Func<Task<HttpResponseMessage>> request, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await request();
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable && (int)response.StatusCode < 500 || DateTime.UtcNow > deadline)
                    return response.StatusCode;
            }
            catch (Exception) when (DateTime.UtcNow < deadline) { }
            await Task.Delay(250);
        }
    }

    private sealed class SiloProcess(FleetProcess process) : IAsyncDisposable
    {
        public FleetProcess Process { get; } = process;
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
