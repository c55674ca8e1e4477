using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Simulation;

namespace Fleet.Gateway.Tests.Faults;

/// <summary>
/// One enrolled device driven by the simulation library's <see cref="ReconnectingSimAgent"/> (the real agent's delivery
/// rules: reports kept until acked, Hello then every unacked report in order on each new stream, a broken stream reopened
/// after a jittered backoff), with what the fault tests wait for and assert on. Each report flips the firewall fact
/// (<see cref="FactsMode.Flip"/>: off for odd sequences, on for even, enrolled with it on), so every applied report is
/// exactly one firewall transition in the device's history: transitions = applied reports, which makes "lost" and
/// "applied twice" both visible.
/// </summary>
public sealed class ReconnectingAgent : IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);
    private static int s_agents;

    private readonly AgentClient _client;
    private readonly RecoveryCounters _recovery = new();
    private readonly ReconnectingSimAgent _agent;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public ReconnectingAgent(GatewayProcess gateway, EnrolledAgent enrolled)
    {
        _client = new AgentClient(gateway);
        var counters = new LoadCounters();
        var device = new SimAgent(Interlocked.Increment(ref s_agents), enrolled.DeviceId, enrolled.Token, enrolled.Facts(firewall: true), _client.Service, counters);
        _agent = new ReconnectingSimAgent(device, MaxBackoff, counters, _recovery);
        _running = Task.Run(() => _agent.RunAsync(TimeSpan.Zero, Heartbeat, _stop.Token));
    }

    public string DeviceId => _agent.DeviceId;
    public long HighestAcked => _agent.AckedUpTo;
    public long LastQueued => _agent.LastSequence;
    public int Unacked => _agent.Unacked;

    /// <summary>Streams that got as far as the server's first PolicyUpdate.</summary>
    public int Connections => (int)Interlocked.Read(ref _recovery.Sessions);

    /// <summary>How each stream that broke ended (e.g. Unavailable while a silo or storage was down), one entry per stream.</summary>
    public IReadOnlyCollection<string> StreamErrors =>
        _recovery.StreamEnds.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => Enumerable.Repeat(e.Key, (int)e.Value)).ToList();

    /// <summary>Queues the next report (the firewall flipped) and returns its sequence.</summary>
    public long Queue()
    {
        _agent.Queue(FactsMode.Flip);
        return _agent.LastSequence;
    }

    /// <summary>Waits until the server acked <paramref name="sequence"/> (or a later one).</summary>
    public async Task WaitForAckAsync(long sequence, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (HighestAcked < sequence)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Device {DeviceId}: report {sequence} not acked within {timeout} (acked up to {HighestAcked}; stream errors: {string.Join(", ", StreamErrors)}).");
            await Task.Delay(PollEvery);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> streams have ended with an error.</summary>
    public async Task WaitForStreamErrorsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (StreamErrors.Count < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Device {DeviceId}: {StreamErrors.Count} stream errors, not {count}, within {timeout}.");
            await Task.Delay(PollEvery);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
        _client.Dispose();
    }
}
