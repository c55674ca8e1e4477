using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Faults;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Graph;

/// <summary>The graph is written behind the device grains; after a kill -9 it must still agree with their stored state.</summary>
public sealed class GraphAfterCrashTests
{
    private const string NonCompliant = "FIND HostAgent WITH compliant=false";

    // Proves a device change the graph held only in memory when the process was killed shows in queries after the restart:
    // the reloaded partition asks its devices to project their stored state again. The flush interval is an hour, so the
    // change cannot have reached the graph's rows; no agent reconnects, so nothing else wakes the device.
    [Fact]
    public async Task After_a_kill_a_query_answers_from_the_devices_stored_state()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path, new Dictionary<string, string>
        {
            ["Fleet:Graph:FlushInterval"] = "01:00:00",
        });
        var (account, devices) = await FaultApi.EnrollDevicesAsync(gateway, "GraphCrash", 1);
        var agent = devices.Single();
        await ReportAsync(gateway, agent, 1, firewall: true);
        // A graceful restart flushes every partition: the stored rows now say compliant.
        await gateway.RestartAsync();
        var api = gateway.CreateClient(account.ApiKey);
        Assert.Single(GraphApi.Names(await api.QueryAsync("FIND HostAgent")));
        Assert.Empty(GraphApi.Names(await api.QueryAsync(NonCompliant)));

        await ReportAsync(gateway, agent, 2, firewall: false);
        Assert.Single(GraphApi.Names(await api.QueryAsync(NonCompliant)));
        gateway.Kill();
        await gateway.StartAgainAsync();

        api = gateway.CreateClient(account.ApiKey);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (GraphApi.Names(await api.QueryAsync(NonCompliant)).Count == 0)
            await Task.Delay(200, timeout.Token);
    }

    private static async Task ReportAsync(GatewayProcess gateway, EnrolledAgent agent, long sequence, bool firewall)
    {
        using var client = new AgentClient(gateway);
        await using var session = await client.ConnectAsync(agent.Token);
        await session.SendReportAsync(AgentClient.Report(sequence, agent.Facts(firewall: firewall)));
        await session.AckAsync(sequence);
    }
}
