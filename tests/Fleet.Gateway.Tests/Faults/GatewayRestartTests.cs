using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Infrastructure;
using Grpc.Core;
using Xunit.Abstractions;

namespace Fleet.Gateway.Tests.Faults;

/// <summary>An embedded gateway (co-hosted silo, SQLite) stopped or killed while agents stream to it, then started again.</summary>
public sealed class GatewayRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    // Proves a gateway killed with kill -9 (no shutdown, SQLite mid-write) loses no acked report: agents reconnect by
    // themselves once it is back, and what they queued meanwhile is applied exactly once.
    [Fact]
    public async Task After_a_gateway_is_killed_and_started_again_agents_reconnect_and_queued_reports_arrive_once()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        var (account, enrolled) = await FaultApi.EnrollDevicesAsync(gateway, "Restart", 4);
        var api = gateway.CreateClient(account.ApiKey);
        var agents = enrolled.Select(e => new ReconnectingAgent(gateway, e)).ToList();
        try
        {
            for (var round = 0; round < 3; round++)
                await Task.WhenAll(agents.Select(a => a.WaitForAckAsync(a.Queue(), Bound)));
            foreach (var agent in agents)
                agent.Queue();

            gateway.Kill();
            foreach (var agent in agents)
                agent.Queue();
            await gateway.StartAgainAsync();

            var started = System.Diagnostics.Stopwatch.StartNew();
            await Task.WhenAll(agents.Select(a => a.WaitForAckAsync(a.LastQueued, Bound)));
            output.WriteLine($"All queued reports acked {started.Elapsed.TotalSeconds:0.0} s after the gateway answered /readyz again.");
            foreach (var agent in agents)
            {
                Assert.Equal(0, agent.Unacked);
                Assert.Equal(agent.LastQueued, await FaultApi.AppliedReportsAsync(api, agent.DeviceId));
                Assert.Equal(agent.LastQueued % 2 == 0 ? "on" : "off", await FaultApi.StoredFirewallAsync(api, agent.DeviceId));
            }
        }
        finally
        {
            foreach (var agent in agents)
                await agent.DisposeAsync();
        }
    }

    // Proves a graceful stop does not wait on agent streams: they end at once with UNAVAILABLE (so agents reconnect,
    // e.g. to another gateway), and the co-hosted silo still gets its full shutdown (before the fix, Kestrel waited its
    // 30 s shutdown timeout for the streams and the silo was then cut short: "Silo shutdown completed (non-graceful)").
    [Fact]
    public async Task Stopping_a_gateway_ends_agent_streams_with_unavailable_and_shuts_the_silo_down_gracefully()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        var (_, enrolled) = await FaultApi.EnrollDevicesAsync(gateway, "Stop", 2);
        using var client = new AgentClient(gateway);
        var sessions = new List<AgentSession>();
        foreach (var device in enrolled)
        {
            var session = await client.ConnectAsync(device.Token);
            await session.NextAsync(ServerMessage.BodyOneofCase.Policy);
            sessions.Add(session);
        }

        var stopping = gateway.StopAsync();
        var statuses = await Task.WhenAll(sessions.Select(s => s.EndAsync()));
        await stopping;

        Assert.All(statuses, s => Assert.Equal(StatusCode.Unavailable, s.StatusCode));
        Assert.All(statuses, s => Assert.Contains("shutting down", s.Detail));
        Assert.DoesNotContain("non-graceful", gateway.Output);
        foreach (var session in sessions)
            await session.DisposeAsync();
    }
}
