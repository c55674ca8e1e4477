using System.Diagnostics;
using Fleet.Bench.Shared;

namespace Fleet.Bench;

/// <summary>
/// fleet-bench reports: reports/s end to end (agent → gateway → device grain → ack) in embedded mode, closed loop (each
/// agent sends its next report when the last is acked), for unchanged, changed and check-flipping facts; baseline: the
/// bare gRPC echo server with the same agents, messages and client code, measured before and after the gateway.
/// </summary>
public static class ReportsBench
{
    public const string Usage = "fleet-bench reports [--agents 200] [--duration 20] [--warmup 5] [--connections 4] [--no-docs]";

    /// <summary>The benchmark measures ingestion, not the per-device rate limit (120 burst, then 60/min): both raised for the gateway it starts.</summary>
    public static readonly Dictionary<string, string> NoRateLimit = new()
    {
        ["Fleet:Agents:ReportBurst"] = "1000000",
        ["Fleet:Agents:ReportsPerMinute"] = "100000000",
    };

    private sealed record Phase(string Server, string Facts, double PerSecond, double P50, double P99, long Acked, double CpuMicroseconds, string Writes, string Errors);

    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Int("--agents", 200);
        var duration = TimeSpan.FromSeconds(options.Double("--duration", 20));
        var warmup = TimeSpan.FromSeconds(options.Double("--warmup", 5));
        var connections = options.Int("--connections", 4);
        var report = new BenchReport("reports", "Reports per second", options, "reports");
        var phases = new List<Phase>();
        Console.WriteLine($"reports: {count} agents in a closed loop, {warmup.TotalSeconds:0} s warm-up + {duration.TotalSeconds:0} s measured per phase");

        await using (var echo = await HostProcess.StartEchoAsync())
        {
            phases.Add(await EchoPhaseAsync(echo, count, connections, warmup, duration, "echo (before)"));
        }
        await using (var gateway = await HostProcess.StartGatewayAsync(NoRateLimit))
        {
            var counters = new LoadCounters();
            using var api = new FleetApi(gateway.HttpAddress!);
            using var channels = new AgentChannels(gateway.AgentAddress, connections);
            var enrolled = await Enrollment.EnrollAsync(api, HostProcess.OperatorKey, channels, count, 0.1, 16, counters);
            await Load.ConnectAllAsync(enrolled.Agents, TimeSpan.Zero, 64, counters, CancellationToken.None);
            foreach (var mode in new[] { FactsMode.Unchanged, FactsMode.Changed, FactsMode.Flip })
            {
                phases.Add(await MeasureAsync("fleet-gateway (embedded)", mode, enrolled.Agents, counters, warmup, duration, gateway));
            }
            await Load.DisposeAllAsync(enrolled.Agents);
        }
        await using (var echo = await HostProcess.StartEchoAsync())
        {
            phases.Add(await EchoPhaseAsync(echo, count, connections, warmup, duration, "echo (after)"));
        }

        var echoRate = phases.Where(p => p.Server.StartsWith("echo", StringComparison.Ordinal)).Average(p => p.PerSecond);
        report.Line($"Target: reports ingested end-to-end (gateway → grain → ack), embedded mode, **≥ 50% of a bare gRPC echo server's rate** " +
                    $"measured in the same run. {count} agents, each with one stream, send their next report as soon as the last one is acked (closed loop, " +
                    $"{count} reports in flight); {warmup.TotalSeconds:0} s warm-up, then {duration.TotalSeconds:0} s measured. Reports carry realistic facts " +
                    "(40–60 applications, ~2–3 KB); the echo server answers with an ack of the gateway's shape (eight results). The gateway this benchmark " +
                    "starts has the per-device rate limit raised (`Fleet:Agents:ReportBurst`, `ReportsPerMinute`) so that ingestion, not the limiter, is measured. " +
                    "'server CPU µs' = the server process's CPU time during the measured window ÷ the reports acked in it: unlike the rate, it barely moves " +
                    "with what else runs on the machine. 'writes' = grain state writes + history rows the gateway's SQLite file gained during the measured window.");
        report.Line();
        report.Table(["server", "facts", "reports/s ", "ack p50 ms ", "ack p99 ms ", "acked ", "ratio to echo ", "server CPU µs/report ", "writes in window", "errors"],
            phases.Select(p => new[]
            {
                p.Server, p.Facts, p.PerSecond.ToString("N0"), BenchReport.Ms(p.P50), BenchReport.Ms(p.P99), p.Acked.ToString("N0"),
                p.Server.StartsWith("echo", StringComparison.Ordinal) ? "–" : $"{p.PerSecond / echoRate:P0}", p.CpuMicroseconds.ToString("N0"), p.Writes, p.Errors,
            }));
        foreach (var phase in phases.Where(p => !p.Server.StartsWith("echo", StringComparison.Ordinal)))
        {
            var ratio = phase.PerSecond / echoRate;
            report.Line($"- {phase.Facts}: {ratio:P0} of the echo rate (mean of the two echo runs, {echoRate:N0}/s) → target " +
                        (ratio >= 0.5 ? "**met**." : $"**missed** by {(0.5 - ratio) * 100:0} points ({phase.PerSecond:N0}/s vs the {echoRate * 0.5:N0}/s needed)."));
        }
        report.Publish();
        return 0;
    }

    private static async Task<Phase> EchoPhaseAsync(HostProcess echo, int count, int connections, TimeSpan warmup, TimeSpan duration, string name)
    {
        var counters = new LoadCounters();
        using var channels = new AgentChannels(echo.AgentAddress, connections);
        var agents = Enrollment.Unenrolled(channels, count, 0.1, counters);
        await Load.ConnectAllAsync(agents, TimeSpan.Zero, 64, counters, CancellationToken.None);
        var phase = await MeasureAsync(name, FactsMode.Changed, agents, counters, warmup, duration, echo);
        await Load.DisposeAllAsync(agents);
        return phase;
    }

    private static async Task<Phase> MeasureAsync(
        string server, FactsMode mode, IReadOnlyList<SimAgent> agents, LoadCounters counters, TimeSpan warmup, TimeSpan duration, HostProcess host)
    {
        using var stop = new CancellationTokenSource();
        var running = Load.RunClosedLoopAsync(agents, mode, counters, stop.Token);
        await Task.Delay(warmup);
        counters.AckLatency.Drain();
        var ackedBefore = Interlocked.Read(ref counters.ReportsAcked);
        var dataDirectory = host.DataDirectory;
        var writesBefore = dataDirectory is null ? null : await StorageProbe.ReadAsync(dataDirectory);
        var cpuBefore = host.CpuTime;
        var watch = Stopwatch.StartNew();
        await Task.Delay(duration);
        var acked = Interlocked.Read(ref counters.ReportsAcked) - ackedBefore;
        var elapsed = watch.Elapsed;
        var cpu = host.CpuTime - cpuBefore;
        var writes = dataDirectory is null ? null : await StorageProbe.ReadAsync(dataDirectory) - writesBefore!;
        var latencies = counters.AckLatency.Drain();
        stop.Cancel();
        await running;
        // Let the reports in flight be acked so the next phase starts clean.
        await Task.Delay(TimeSpan.FromSeconds(2));
        counters.AckLatency.Drain();
        var phase = new Phase(server, mode.ToString().ToLowerInvariant(), acked / elapsed.TotalSeconds,
            LatencyRecorder.Percentile(latencies, 50), LatencyRecorder.Percentile(latencies, 99), acked, cpu.TotalMicroseconds / Math.Max(acked, 1),
            writes is null ? "–" : $"{writes.GrainStateWrites:N0} + {writes.HistoryRows:N0}", counters.ErrorSummary());
        Console.WriteLine($"{server} {phase.Facts}: {phase.PerSecond:N0} reports/s, ack p50 {phase.P50:0.0} ms p99 {phase.P99:0.0} ms, {phase.CpuMicroseconds:N0} server CPU µs per report, writes {phase.Writes}, errors {phase.Errors}");
        return phase;
    }
}
