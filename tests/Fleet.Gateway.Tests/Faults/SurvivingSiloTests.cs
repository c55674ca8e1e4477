using System.Collections.Concurrent;
using System.Net;
using Fleet.Contracts.Devices;
using Fleet.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Fleet.Gateway.Tests.Faults;

/// <summary>
/// Cluster mode with devices on both silos: a silo's death touches only what lived on it (docs/reliability.md, "One
/// silo's death and the other silo's devices").
/// </summary>
public sealed class SurvivingSiloTests(ITestOutputHelper output)
{
    private const int Devices = 6;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // Every shared grain of the account (account, policy, graph, change feed, API key, agent tokens) and half the devices
    // live on silo 1; the other half are moved to silo 2. After kill -9 of silo 1 the devices on silo 2 keep their streams
    // and get every new report acked on them; the others reconnect and recover; REST answers 200 or 503 + Retry-After
    // throughout, never a hang; nothing acked is lost or applied twice.
    [Fact]
    public async Task Killing_a_silo_leaves_the_streams_of_devices_on_the_other_silo_running()
    {
        const string clusterId = "silo-survivors";
        await using var cluster = await ClusterTopology.StartAsync(silos: 1, gateways: 1, clusterId);
        var (account, enrolled) = await FaultApi.EnrollDevicesAsync(cluster.Gateway, "Survivors", Devices);
        await cluster.StartSiloAsync();
        var survivors = enrolled.Take(Devices / 2).Select(e => e.DeviceId).ToHashSet();
        await using (var grains = await ClusterGrains.ConnectAsync(cluster.ConnectionString, clusterId))
        {
            var doomed = await grains.SiloOfAsync(enrolled[0].DeviceId);
            var other = await grains.OtherSiloAsync(doomed);
            foreach (var deviceId in survivors)
                await grains.MoveDeviceAsync(deviceId, other);
            foreach (var device in enrolled)
                Assert.Equal(survivors.Contains(device.DeviceId) ? other : doomed, await grains.SiloOfAsync(device.DeviceId));
        }

        var api = cluster.Gateway.CreateClient(account.ApiKey);
        var agents = enrolled.Select(e => new ReconnectingAgent(cluster.Gateway, e)).ToList();
        try
        {
            for (var round = 0; round < 3; round++)
                await Task.WhenAll(agents.Select(a => a.WaitForAckAsync(a.Queue(), Bound)));
            var onSurvivor = agents.Where(a => survivors.Contains(a.DeviceId)).ToList();
            Assert.All(onSurvivor, a => Assert.Equal(1, a.Connections));

            using var stopProbing = new CancellationTokenSource();
            var answers = new ConcurrentQueue<string>();
            var probing = ProbeRestAsync(cluster.Gateway, account.ApiKey, answers, stopProbing.Token);
            cluster.Silos[0].Kill();

            // The devices on silo 2: each new report acked on the stream they already had.
            for (var round = 0; round < 3; round++)
                await Task.WhenAll(onSurvivor.Select(a => a.WaitForAckAsync(a.Queue(), Bound)));
            // The devices of silo 1: acked again once their grains are reactivated on silo 2.
            var victims = agents.Except(onSurvivor).ToList();
            await Task.WhenAll(victims.Select(a => a.WaitForAckAsync(a.Queue(), Bound)));
            await stopProbing.CancelAsync();
            await probing;
            output.WriteLine($"REST during the kill: {string.Join(", ", answers.GroupBy(a => a).Select(g => $"{g.Count()} x {g.Key}"))}; stream errors: " +
                string.Join("; ", agents.Select(a => $"{a.DeviceId[..10]} {string.Join(",", a.StreamErrors)}")));

            Assert.All(onSurvivor, a =>
            {
                Assert.Equal(1, a.Connections);
                Assert.Empty(a.StreamErrors);
            });
            Assert.All(answers, answer => Assert.True(answer is "200" or "503 + Retry-After", $"REST answered {answer}"));
            Assert.Equal(HttpStatusCode.OK, await FaultApi.EventuallyAsync(async () =>
            {
                using var response = await api.GetAsync("/api/v1/devices");
                return response.EnsureSuccessStatusCode().StatusCode;
            }, Bound));
            foreach (var agent in agents)
            {
                Assert.Equal(0, agent.Unacked);
                Assert.Equal(agent.LastQueued, await FaultApi.EventuallyAsync(() => FaultApi.AppliedReportsAsync(api, agent.DeviceId), Bound));
            }
        }
        finally
        {
            foreach (var agent in agents)
                await agent.DisposeAsync();
        }
    }

    /// <summary>
    /// <c>GET /api/v1/devices</c> back to back until stopped, each bounded by 25 s (beyond the gateway's grain call bound,
    /// within the 30 s an operator's client waits): records "200", "503 + Retry-After", another status, or "no answer".
    /// </summary>
    private static async Task ProbeRestAsync(GatewayProcess gateway, string apiKey, ConcurrentQueue<string> answers, CancellationToken stop)
    {
        using var http = gateway.CreateClient(apiKey);
        http.Timeout = TimeSpan.FromSeconds(25);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync("/api/v1/devices", CancellationToken.None);
                answers.Enqueue(response.StatusCode switch
                {
                    HttpStatusCode.OK => "200",
                    HttpStatusCode.ServiceUnavailable when response.Headers.RetryAfter is not null => "503 + Retry-After",
                    var other => ((int)other).ToString(),
                });
            }
            catch (TaskCanceledException)
            {
                answers.Enqueue("no answer");
            }
            try { await Task.Delay(500, stop); }
            catch (OperationCanceledException) { }
        }
    }
}
