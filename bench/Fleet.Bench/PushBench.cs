using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Fleet.Bench.Shared;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fleet.Bench;

/// <summary>
/// fleet-bench push: report → dashboard latency. Agents of one account report at a fixed total rate, each report flipping
/// the firewall (so every report changes a check and is pushed); one SignalR client on <c>/hubs/fleet</c> with the
/// account's key receives <c>deviceChanged</c>. Latency = receive time − send time (same process, same clock). Baseline in
/// the same run: the ack latency of the same reports (the push path = the ack path + change feed + SignalR).
/// </summary>
public static class PushBench
{
    public const string Usage = "fleet-bench push [--agents 1000] [--rates 1000] [--duration 30] [--warmup 5] [--connections 4] [--no-docs]";
    private const double TargetP99 = 50;

    private sealed record Phase(double Rate, double Sent, double Acked, long Pushes, double P50, double P99, double AckP50, double AckP99, long Unmatched, string Errors);

    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Int("--agents", 1000);
        var rates = options.String("--rates", "1000").Split(',').Select(double.Parse).ToList();
        var duration = TimeSpan.FromSeconds(options.Double("--duration", 30));
        var warmup = TimeSpan.FromSeconds(options.Double("--warmup", 5));
        var report = new BenchReport("push", "Report → dashboard push latency", options, "push");

        await using var gateway = await HostProcess.StartGatewayAsync(ReportsBench.NoRateLimit);
        var counters = new LoadCounters();
        using var api = new FleetApi(gateway.HttpAddress!);
        using var channels = new AgentChannels(gateway.AgentAddress, options.Int("--connections", 4));
        var enrolled = await Enrollment.EnrollAsync(api, HostProcess.OperatorKey, channels, count, 0.1, 16, counters);
        await Load.ConnectAllAsync(enrolled.Agents, TimeSpan.Zero, 64, counters, CancellationToken.None);

        var sent = enrolled.Agents.ToDictionary(a => a.DeviceId, _ => new ConcurrentQueue<long>());
        var pushLatency = new LatencyRecorder();
        long pushes = 0, unmatched = 0;
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(gateway.HttpAddress!, "/hubs/fleet"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(enrolled.Account.ApiKey))
            .Build();
        void Record(JsonElement change, long received)
        {
            Interlocked.Increment(ref pushes);
            var deviceId = change.GetProperty("deviceId").GetString()!;
            var flipped = change.GetProperty("changedChecks").EnumerateArray().Any(c => c.GetString() == "firewall");
            if (flipped && sent.TryGetValue(deviceId, out var queue) && queue.TryDequeue(out var at))
                pushLatency.Add(Stopwatch.GetElapsedTime(at, received).TotalMilliseconds);
            else
                Interlocked.Increment(ref unmatched);
        }
        hub.On<JsonElement>("deviceChanged", change => Record(change, Stopwatch.GetTimestamp()));
        // A change-feed batch of more than 25 device changes comes as one message; missing those would match later
        // pushes to older sends and inflate the latency.
        hub.On<JsonElement>("devicesChanged", batch =>
        {
            var received = Stopwatch.GetTimestamp();
            foreach (var change in batch.GetProperty("changes").EnumerateArray())
                Record(change, received);
        });
        await hub.StartAsync();
        Console.WriteLine($"push: {enrolled.Agents.Count} agents connected, dashboard subscribed");

        var phases = new List<Phase>();
        foreach (var rate in rates)
        {
            var interval = TimeSpan.FromSeconds(enrolled.Agents.Count / rate);
            using var stop = new CancellationTokenSource();
            var running = Task.WhenAll(enrolled.Agents.Select(agent => Task.Run(async () =>
            {
                try
                {
                    await Task.Delay(interval * agent.Index / enrolled.Agents.Count, stop.Token);
                    using var timer = new PeriodicTimer(interval);
                    do
                    {
                        sent[agent.DeviceId].Enqueue(Stopwatch.GetTimestamp());
                        await agent.SendReportAsync(FactsMode.Flip);
                    }
                    while (await timer.WaitForNextTickAsync(stop.Token));
                }
                catch (OperationCanceledException) { }
            })));
            await Task.Delay(warmup);
            pushLatency.Drain();
            counters.AckLatency.Drain();
            var (sentBefore, ackedBefore, pushesBefore, unmatchedBefore) = (counters.ReportsSent, counters.ReportsAcked, Interlocked.Read(ref pushes), Interlocked.Read(ref unmatched));
            var watch = Stopwatch.StartNew();
            await Task.Delay(duration);
            var seconds = watch.Elapsed.TotalSeconds;
            var latencies = pushLatency.Drain();
            var acks = counters.AckLatency.Drain();
            var phase = new Phase(rate, (counters.ReportsSent - sentBefore) / seconds, (counters.ReportsAcked - ackedBefore) / seconds,
                Interlocked.Read(ref pushes) - pushesBefore,
                LatencyRecorder.Percentile(latencies, 50), LatencyRecorder.Percentile(latencies, 99),
                LatencyRecorder.Percentile(acks, 50), LatencyRecorder.Percentile(acks, 99), Interlocked.Read(ref unmatched) - unmatchedBefore, counters.ErrorSummary());
            stop.Cancel();
            await running;
            Console.WriteLine($"rate {rate}/s: sent {phase.Sent:N0}/s, acked {phase.Acked:N0}/s, {phase.Pushes:N0} pushes, push p50 {phase.P50:0.0} p99 {phase.P99:0.0} ms, ack p50 {phase.AckP50:0.0} p99 {phase.AckP99:0.0} ms");
            phases.Add(phase);
            // Drain what is in flight before the next rate.
            await Task.Delay(TimeSpan.FromSeconds(5));
            foreach (var queue in sent.Values)
                queue.Clear();
            pushLatency.Drain();
        }
        await Load.DisposeAllAsync(enrolled.Agents);

        report.Line($"Target: report → dashboard push latency at 1,000 reports/s, **p99 ≤ {TargetP99:0} ms**. {enrolled.Agents.Count:N0} enrolled agents of one " +
                    "account on an embedded gateway, each report flipping the firewall (a check result changes, so each report is written, recorded in history " +
                    "and pushed); one SignalR client on `/hubs/fleet` with the account key. Latency = `deviceChanged` (or a batch's `devicesChanged`) received − report sent, same process and " +
                    $"clock. {warmup.TotalSeconds:0} s warm-up, {duration.TotalSeconds:0} s measured per rate. Baseline in the same run: the ack latency of the same reports.");
        report.Line();
        report.Table(["target rate/s ", "sent/s ", "acked/s ", "pushes ", "push p50 ms ", "push p99 ms ", "ack p50 ms ", "ack p99 ms ", "push p99 ÷ ack p99 ", "unmatched ", "errors"],
            phases.Select(p => new[]
            {
                p.Rate.ToString("N0"), p.Sent.ToString("N0"), p.Acked.ToString("N0"), p.Pushes.ToString("N0"), BenchReport.Ms(p.P50), BenchReport.Ms(p.P99),
                BenchReport.Ms(p.AckP50), BenchReport.Ms(p.AckP99), (p.P99 / p.AckP99).ToString("0.00"), p.Unmatched.ToString("N0"), p.Errors,
            }));
        foreach (var p in phases)
        {
            var sustained = p.Acked >= p.Rate * 0.95;
            report.Line($"- {p.Rate:N0}/s: " + (sustained ? "rate sustained" : $"**rate not sustained** (acked {p.Acked:N0}/s)") + "; push p99 " +
                        (p.P99 <= TargetP99 ? $"{p.P99:0.0} ms → target **met**." : $"{p.P99:0.0} ms → target **missed** by {p.P99 - TargetP99:0} ms ({p.P99 / TargetP99:0.0}×)."));
        }
        report.Publish();
        return 0;
    }
}
