using Fleet.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Fleet.Gateway.Tests.Faults;

/// <summary>Cluster mode (one silo process, one gateway) with PostgreSQL, its only storage, stopped and started again.</summary>
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    // Proves ack-only-after-durable across a storage outage: reports sent while PostgreSQL is down are refused (the stream
    // ends, no ack, the agent keeps them), they are applied once when it is back, and what was acked survives a silo restart.
    [Fact]
    public async Task Reports_are_not_acked_while_storage_is_down_and_arrive_once_when_it_returns()
    {
        await using var cluster = await ClusterTopology.StartAsync(silos: 1, gateways: 1, clusterId: "storage-outage");
        var (account, enrolled) = await FaultApi.EnrollDevicesAsync(cluster.Gateway, "Outage", 3);
        var api = cluster.Gateway.CreateClient(account.ApiKey);
        var agents = enrolled.Select(e => new ReconnectingAgent(cluster.Gateway, e)).ToList();
        try
        {
            for (var round = 0; round < 2; round++)
                await Task.WhenAll(agents.Select(a => a.WaitForAckAsync(a.Queue(), Bound)));

            cluster.Postgres.StopServer();
            var refused = agents.Select(a => (Agent: a, Sequence: a.Queue(), Errors: a.StreamErrors.Count)).ToList();
            await Task.WhenAll(refused.Select(r => r.Agent.WaitForStreamErrorsAsync(r.Errors + 1, Bound)));

            foreach (var (agent, sequence, _) in refused)
            {
                Assert.True(agent.HighestAcked < sequence, $"report {sequence} was acked while storage was down");
                Assert.Equal(1, agent.Unacked);
            }
            output.WriteLine("While down: " + string.Join("; ", agents.Select(a => string.Join(",", a.StreamErrors.Distinct()))));

            var restarted = System.Diagnostics.Stopwatch.StartNew();
            await cluster.Postgres.StartServerAsync();
            await Task.WhenAll(agents.Select(a => a.WaitForAckAsync(a.LastQueued, Bound)));
            output.WriteLine($"All acked {restarted.Elapsed.TotalSeconds:0.0} s after PostgreSQL was back.");
            await AssertAppliedOnceAsync(api, agents);

            // What was acked is in storage, not only in the silo's memory: a new silo reads the same.
            await cluster.Silos[0].StopAsync();
            await cluster.StartSiloAsync();
            await AssertAppliedOnceAsync(api, agents);
        }
        finally
        {
            foreach (var agent in agents)
                await agent.DisposeAsync();
        }
    }

    private static async Task AssertAppliedOnceAsync(HttpClient api, List<ReconnectingAgent> agents)
    {
        foreach (var agent in agents)
        {
            Assert.Equal(0, agent.Unacked);
            Assert.Equal(agent.LastQueued, await FaultApi.EventuallyAsync(() => FaultApi.AppliedReportsAsync(api, agent.DeviceId), Bound));
            Assert.Equal(agent.LastQueued % 2 == 0 ? "on" : "off", await FaultApi.EventuallyAsync(() => FaultApi.StoredFirewallAsync(api, agent.DeviceId), Bound));
        }
    }
}
