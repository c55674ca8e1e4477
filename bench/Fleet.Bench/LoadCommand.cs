using System.Diagnostics;
using Fleet.Bench.Shared;

namespace Fleet.Bench;

/// <summary>
/// fleet-bench load: N simulated agents enrolled for real (operator key → account → invites → Enroll), each holding one
/// Connect stream (Hello, reports every interval, heartbeats) against a gateway, embedded (started here) or any running
/// one on loopback (embedded or cluster mode). Bounded in agents and time; prints progress and a summary table.
/// </summary>
public static class LoadCommand
{
    public const string Usage =
        "fleet-bench load [--agents 100] [--failing 0.1] [--interval 10] [--heartbeat 60] [--duration 60] [--stagger 10] [--connections 4]\n" +
        "                 [--facts unchanged|changed|flip] [--enroll-parallelism 16] [--accounts 1]\n" +
        "                 [--gateway http://127.0.0.1:5080 --agent-url http://127.0.0.1:5081 --operator-key KEY]  (default: start an embedded gateway)";

    public const int MaxAgents = 20_000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Int("--agents", 100);
        var duration = TimeSpan.FromSeconds(options.Double("--duration", 60));
        if (count < 1 || count > MaxAgents || duration <= TimeSpan.Zero || duration > MaxDuration)
        {
            Console.Error.WriteLine($"--agents must be 1..{MaxAgents:N0} and --duration 1..{MaxDuration.TotalSeconds:0} s.");
            return 2;
        }
        var interval = TimeSpan.FromSeconds(options.Double("--interval", 10));
        var heartbeat = TimeSpan.FromSeconds(options.Double("--heartbeat", 60));
        var stagger = TimeSpan.FromSeconds(options.Double("--stagger", 10));
        var mode = Enum.Parse<FactsMode>(options.String("--facts", "unchanged"), ignoreCase: true);
        var failing = options.Double("--failing", 0.1);

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
                          $"for {duration.TotalSeconds:0} s; gateway {http} / agents {agentUrl}{(started is null ? "" : " (embedded, started here)")}");

        var counters = new LoadCounters();
        using var api = new FleetApi(http);
        using var channels = new AgentChannels(agentUrl, options.Int("--connections", 4));
        var enrolled = await Enrollment.EnrollAsync(api, operatorKey, channels, count, failing, options.Int("--enroll-parallelism", 16), counters, options.Int("--accounts", 1));
        using var stop = new CancellationTokenSource(duration + stagger);
        var connecting = Load.ConnectAllAsync(enrolled.Agents, stagger, parallelism: 256, counters, stop.Token);
        var watch = Stopwatch.StartNew();
        using (Progress.Every(TimeSpan.FromSeconds(5), () =>
                   $"{watch.Elapsed.TotalSeconds:0} s: connected {counters.Connected:N0}, reports sent {counters.ReportsSent:N0} / acked {counters.ReportsAcked:N0}, " +
                   $"heartbeats {counters.Heartbeats:N0}, errors: {counters.ErrorSummary()}"))
        {
            await Task.WhenAll(connecting, Load.RunOpenLoopAsync(enrolled.Agents, interval, heartbeat, mode, counters, stop.Token)
                .ContinueWith(_ => { }, TaskScheduler.Default));
        }
        var latencies = counters.AckLatency.Drain();
        await Load.DisposeAllAsync(enrolled.Agents);

        Console.WriteLine();
        Console.WriteLine("| agents enrolled | connected | reports sent | acked | ack p50 ms | ack p99 ms | heartbeats | errors by status |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|");
        Console.WriteLine($"| {enrolled.Agents.Count:N0} (in {enrolled.Took.TotalSeconds:0} s) | {counters.Connected:N0} | {counters.ReportsSent:N0} | {counters.ReportsAcked:N0} | " +
                          $"{BenchReport.Ms(LatencyRecorder.Percentile(latencies, 50))} | {BenchReport.Ms(LatencyRecorder.Percentile(latencies, 99))} | {counters.Heartbeats:N0} | {counters.ErrorSummary()} |");
        return 0;
    }
}
