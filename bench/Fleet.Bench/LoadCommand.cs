using System.Diagnostics;
using System.Globalization;
using Fleet.Bench.Shared;

namespace Fleet.Bench;

/// <summary>
/// fleet-bench load: N simulated agents enrolled for real (operator key → account → invites → Enroll), each keeping one
/// Connect stream open like the real agent (<see cref="ReconnectingSimAgent"/>: unacked reports kept, streams reopened
/// with backoff, resent in order) against a gateway, embedded (started here) or any running one on loopback (embedded or
/// cluster mode). After the run it stops queueing and drains (waits for every queued report's ack, bounded), then prints
/// recovery after faults, counts and a summary table. Bounded in agents and time.
/// </summary>
public static class LoadCommand
{
    public const string Usage =
        "fleet-bench load [--agents 100] [--failing 0.1] [--interval 10] [--heartbeat 60] [--duration 60] [--stagger 10] [--connections 4]\n" +
        "                 [--facts unchanged|changed|flip] [--enroll-parallelism 16] [--accounts 1] [--backoff-max 300] [--drain 60] [--acks-out FILE]\n" +
        "                 [--gateway http://127.0.0.1:5080 --agent-url http://127.0.0.1:5081 --operator-key KEY]  (default: start an embedded gateway)";

    public const int MaxAgents = 20_000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Int("--agents", 100);
        var duration = TimeSpan.FromSeconds(options.Double("--duration", 60));
        var drain = TimeSpan.FromSeconds(options.Double("--drain", 60));
        if (count < 1 || count > MaxAgents || duration <= TimeSpan.Zero || duration > MaxDuration || drain < TimeSpan.Zero || drain > MaxDuration)
        {
            Console.Error.WriteLine($"--agents must be 1..{MaxAgents:N0}, --duration 1..{MaxDuration.TotalSeconds:0} s and --drain 0..{MaxDuration.TotalSeconds:0} s.");
            return 2;
        }
        var interval = TimeSpan.FromSeconds(options.Double("--interval", 10));
        var heartbeat = TimeSpan.FromSeconds(options.Double("--heartbeat", 60));
        var stagger = TimeSpan.FromSeconds(options.Double("--stagger", 10));
        var maxBackoff = TimeSpan.FromSeconds(options.Double("--backoff-max", 300));
        var mode = Enum.Parse<FactsMode>(options.String("--facts", "unchanged"), ignoreCase: true);
        var failing = options.Double("--failing", 0.1);
        var acksOut = options.String("--acks-out", "");

        await using var started = options.String("--gateway", "") == "" ? await HostProcess.StartGatewayAsync() : null;
        var http = started?.HttpAddress ?? new Uri(options.String("--gateway", ""));
        var agentUrl = started?.AgentAddress ?? new Uri(options.String("--agent-url", "http://127.0.0.1:5081"));
        var operatorKey = started is null ? options.String("--operator-key", "") : HostProcess.OperatorKey;
        if (!http.IsLoopback || !agentUrl.IsLoopback)
        {
            Console.Error.WriteLine("The load generator only targets a gateway on loopback (127.0.0.1 / localhost).");
            return 2;
        }
        Console.WriteLine($"load: {count:N0} agents ({failing:P0} failing), report every {interval.TotalSeconds:0.#} s ({mode}), heartbeat every {heartbeat.TotalSeconds:0} s, " +
                          $"for {duration.TotalSeconds:0} s (+ drain ≤ {drain.TotalSeconds:0} s); gateway {http} / agents {agentUrl}{(started is null ? "" : " (embedded, started here)")}");

        var counters = new LoadCounters();
        var recovery = new RecoveryCounters();
        using var api = new FleetApi(http);
        using var channels = new AgentChannels(agentUrl, options.Int("--connections", 4));
        var enrolled = await Enrollment.EnrollAsync(api, operatorKey, channels, count, failing, options.Int("--enroll-parallelism", 16), counters, options.Int("--accounts", 1));
        foreach (var account in enrolled.Accounts)
            Console.WriteLine($"account {account.Id} ({account.Name}): key {account.ApiKey}");
        var agents = enrolled.Agents.Select(a => new ReconnectingSimAgent(a, maxBackoff, counters, recovery)).ToList();

        using var stopAll = new CancellationTokenSource();
        using var stopQueueing = new CancellationTokenSource(duration + stagger);
        var watch = Stopwatch.StartNew();
        long connectedAtEnd;
        var running = agents.Select(a => Task.Run(() => a.RunAsync(stagger * a.Index / Math.Max(1, agents.Count), heartbeat, stopAll.Token))).ToList();
        using (Progress.Every(TimeSpan.FromSeconds(5), () =>
                   $"{watch.Elapsed.TotalSeconds:0} s: connected now {Interlocked.Read(ref recovery.ConnectedNow):N0}, reports queued {counters.ReportsSent:N0} / acked {counters.ReportsAcked:N0} " +
                   $"(unacked {agents.Sum(a => a.Unacked):N0}), devices waiting after a fault {Interlocked.Read(ref recovery.DevicesDown):N0}, resent {recovery.Resent:N0}, " +
                   $"refused {recovery.Refused:N0}, stream ends: {recovery.StreamEndSummary()}"))
        {
            await Task.WhenAll(agents.Select(a => QueueReportsAsync(a, stagger * a.Index / Math.Max(1, agents.Count), interval, mode, stopQueueing.Token)));
            var drainUntil = Stopwatch.GetTimestamp() + (long)(drain.TotalSeconds * Stopwatch.Frequency);
            while (agents.Any(a => a.Unacked > 0) && Stopwatch.GetTimestamp() < drainUntil)
                await Task.Delay(250);
            connectedAtEnd = Interlocked.Read(ref recovery.ConnectedNow);
            await stopAll.CancelAsync();
            await Task.WhenAll(running);
        }
        var latencies = counters.AckLatency.Drain();
        var recoveries = recovery.Recoveries.Drain();
        var worst = recovery.WorstPerDevice();
        var unacked = agents.Sum(a => a.Unacked);
        if (acksOut != "")
            await WriteAcksAsync(acksOut, agents);

        Console.WriteLine();
        Console.WriteLine("| agents | connected at the end | queued | acked | unacked after drain | resent | duplicate acks | refused connects | stream ends | ack p50 / p99 / max ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        Console.WriteLine($"| {agents.Count:N0} | {connectedAtEnd:N0} | {counters.ReportsSent:N0} | {counters.ReportsAcked:N0} | {unacked:N0} | {recovery.Resent:N0} | " +
                          $"{recovery.DuplicateAcks:N0} | {recovery.Refused:N0} | {recovery.StreamEndSummary()} | " +
                          $"{BenchReport.Ms(LatencyRecorder.Percentile(latencies, 50))} / {BenchReport.Ms(LatencyRecorder.Percentile(latencies, 99))} / {BenchReport.Ms(latencies.Count == 0 ? double.NaN : latencies.Max())} |");
        Console.WriteLine();
        Console.WriteLine("| faults recovered | devices with a fault | without an ack after a fault: p50 / p99 / max s | per device worst: p99 / max s | devices still waiting |");
        Console.WriteLine("|---:|---:|---|---|---:|");
        Console.WriteLine($"| {recoveries.Count:N0} | {worst.Count:N0} | {Seconds(recoveries, 50)} / {Seconds(recoveries, 99)} / {Seconds(recoveries, 100)} | " +
                          $"{Seconds(worst, 99)} / {Seconds(worst, 100)} | {Interlocked.Read(ref recovery.DevicesDown):N0} |");
        if (!counters.Errors.IsEmpty)
            Console.WriteLine($"errors: {counters.ErrorSummary()}");
        return unacked == 0 ? 0 : 1;
    }

    /// <summary>Queues a report every <paramref name="interval"/> (phase spread by the agent's index), connected or not, as the real agent scans.</summary>
    private static async Task QueueReportsAsync(ReconnectingSimAgent agent, TimeSpan start, TimeSpan interval, FactsMode mode, CancellationToken stop)
    {
        try
        {
            await Task.Delay(start + TimeSpan.FromSeconds(1), stop);
            using var timer = new PeriodicTimer(interval);
            do
                agent.Queue(mode);
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Seconds(IReadOnlyCollection<double> milliseconds, double percentile) =>
        milliseconds.Count == 0 ? "–" : (LatencyRecorder.Percentile(milliseconds, percentile) / 1000).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>One line per device: device id, last queued sequence, highest acked sequence, unacked count.</summary>
    private static async Task WriteAcksAsync(string path, IEnumerable<ReconnectingSimAgent> agents)
    {
        var lines = agents.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.DeviceId},{a.LastSequence},{a.AckedUpTo},{a.Unacked}"));
        await File.WriteAllLinesAsync(path, lines.Prepend("device_id,last_sequence,acked_up_to,unacked"));
    }
}
