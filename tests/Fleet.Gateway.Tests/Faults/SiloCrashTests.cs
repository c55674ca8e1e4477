using System.Diagnostics;
using Fleet.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Fleet.Gateway.Tests.Faults;

/// <summary>Cluster mode (real PostgreSQL, two silo processes, one gateway) while agents stream reports through the gateway.</summary>
public sealed class SiloCrashTests(ITestOutputHelper output)
{
    private const int Devices = 6;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    // Proves the delivery contract (docs/reliability.md): kill -9 of a silo under load loses no acked report (each acked report is one firewall
    // transition in the device's history, none twice), and every device is acked again within 30 s of the kill.
    [Fact]
    public async Task Killing_a_silo_loses_no_acked_report_and_every_device_answers_again_within_30_s()
    {
        // The devices' grains are placed while silo 1 is alone, so the kill certainly hits them; silo 2 joins before it.
        await using var cluster = await ClusterTopology.StartAsync(silos: 1, gateways: 1, clusterId: "silo-crash");
        var (account, enrolled) = await FaultApi.EnrollDevicesAsync(cluster.Gateway, "Crash", Devices);
        var api = cluster.Gateway.CreateClient(account.ApiKey);
        var agents = enrolled.Select(e => new ReconnectingAgent(cluster.Gateway, e)).ToList();
        try
        {
            // Before: a few acked reports per device, and one more in flight when the silo dies.
            for (var round = 0; round < 3; round++)
                await Task.WhenAll(agents.Select(a => a.WaitForAckAsync(a.Queue(), Recovery)));
            await cluster.StartSiloAsync();
            foreach (var agent in agents)
                agent.Queue();

            var killed = Stopwatch.StartNew();
            cluster.Silos[0].Kill();

            // After: every device gets a new report acked within 30 s of the kill, then keeps reporting.
            var recovered = await Task.WhenAll(agents.Select(async a =>
            {
                await a.WaitForAckAsync(a.Queue(), Recovery - killed.Elapsed);
                return killed.Elapsed;
            }));
            for (var round = 0; round < 2; round++)
                await Task.WhenAll(agents.Select(a => a.WaitForAckAsync(a.Queue(), Recovery)));
            output.WriteLine($"Acked again after the kill: {string.Join(", ", recovered.Select(t => $"{t.TotalSeconds:0.0} s"))}; stream errors: " +
                string.Join("; ", agents.Select(a => $"{a.DeviceId[..10]} {string.Join(",", a.StreamErrors)}")));

            foreach (var agent in agents)
            {
                Assert.Equal(0, agent.Unacked);
                Assert.Equal(agent.LastQueued, await FaultApi.EventuallyAsync(() => FaultApi.AppliedReportsAsync(api, agent.DeviceId), Recovery));
                Assert.Equal(agent.LastQueued % 2 == 0 ? "on" : "off", await FaultApi.EventuallyAsync(() => FaultApi.StoredFirewallAsync(api, agent.DeviceId), Recovery));
            }
        }
        finally
        {
            foreach (var agent in agents)
                await agent.DisposeAsync();
        }
    }
}
