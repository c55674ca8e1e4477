using System.Collections.Concurrent;
using System.Diagnostics;
using Fleet.Contracts;
using Fleet.Contracts.Graph;
using Fleet.Contracts.Push;
using Fleet.Grains.Graph;
using Fleet.Grains.Graph.Storage;
using Fleet.Grains.Hosting;
using Fleet.Grains.Push;
using Fleet.Grains.StandingQueries;
using Fleet.Hosting;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Fleet.Bench;

using J1qlQuery = Fleet.Query.Syntax.Query;

/// <summary>
/// Standing queries under load (docs/push-and-alerts.md): an in-process silo with the graph (memory) and the
/// push feature, N seeded devices, Q standing queries, then R device changes per second for S seconds, each written to
/// the graph and published on the account's change feed as the device grain does. Reports the change rate reached, how
/// many query runs that caused and how long they took, and the latency from a probe change to its queryResultChanged.
/// </summary>
public static class StandingQueryBench
{
    private const string ProbeQuery = "FIND HostAgent WITH status='PROBE'";

    // The owners of probed devices: how fast a chain's push comes (it is evaluated by re-checking the owners a change reaches).
    private const string ChainProbeQuery = "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH status='PROBE'";
    private static readonly string[] Queries =
    [
        "FIND HostAgent WITH compliant=false",
        "FIND HostAgent WITH compliant=false AND online=true",
        "FIND Device WITH encrypted=false",
        "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false",
    ];

    public const string Usage =
        "standing [--devices 100000] [--queries 100] [--rate 1000] [--seconds 10] [--distinct] [--one-step] [--limit N] [--mode compare|incremental|full]";

    /// <summary>
    /// <c>--mode compare</c> (default) measures full re-runs (the baseline: <c>PushOptions.IncrementalStandingQueries</c> off)
    /// and then incremental evaluation, on the same seeded graph in the same process. <c>--limit N</c> appends LIMIT N to
    /// every standing query (the default LIMIT 250 truncates these results on a large fleet). <c>--one-step</c> leaves out
    /// the multi-hop text (only the one-step texts, which incremental evaluation covers).
    /// </summary>
    public static async Task<int> RunAsync(Fleet.Bench.Shared.Options o)
    {
        var devices = o.Int("--devices", 100_000);
        var queries = o.Int("--queries", 100);
        var rate = o.Int("--rate", 1_000);
        var seconds = o.Int("--seconds", 10);
        var distinct = o.Flag("--distinct");
        var limit = o.Int("--limit", 0);
        var mode = o.String("--mode", "compare");
        string[] texts = o.Flag("--one-step") ? [.. Queries.Where(q => !q.Contains(" THAT ", StringComparison.Ordinal))] : Queries;
        bool[] phases = mode switch
        {
            "full" => [false],
            "incremental" => [true],
            "compare" => [false, true],
            _ => throw new ArgumentException("--mode is compare, incremental or full"),
        };
        Console.WriteLine($"Standing-query benchmark: {devices:N0} devices, {queries} standing queries (+1 probe, {(distinct ? "all distinct" : $"{texts.Length} distinct texts")}{(limit > 0 ? $", LIMIT {limit}" : ", default LIMIT")}), {rate:N0} changes/s for {seconds} s, {Environment.ProcessorCount} cores, mode {mode}");
        var runs = new TimedRunner();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(Fleet.Gateway.Tests.Infrastructure.FreePort.Next(), Fleet.Gateway.Tests.Infrastructure.FreePort.Next());
            silo.AddMemoryGrainStorage(FleetSiloExtensions.GrainStorage);
            silo.UseInMemoryReminderService();
            silo.Services.AddSerializer(s => s.AddFleetLibraries());
            silo.Services.AddFleetGraph(new InMemoryGraphStore(), new GraphOptions { FlushBatchSize = 5_000 }, new QueryOptions());
            silo.Services.AddSingleton(runs);
            silo.Services.AddSingleton<IAccountQueryRunner>(sp => runs.Wrap(ActivatorUtilities.CreateInstance<GraphQueryRunner>(sp)));
            silo.Services.AddFleetPush(new ConfigurationBuilder().Build());
            silo.Services.AddFleetStandingQueries(new ConfigurationBuilder().Build());
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var push = host.Services.GetRequiredService<IOptions<PushOptions>>().Value;
        var account = "acc_" + Guid.NewGuid().ToString("N");

        var data = SeedData.Generate(devices);
        var watch = Stopwatch.StartNew();
        var writer = grains.GetGrain<IGraphWriterGrain>(0);
        foreach (var chunk in data.Entities.Chunk(5_000))
            await writer.Apply(account, new GraphWriteRequest(chunk, [], [], []));
        foreach (var chunk in data.Relationships.Chunk(5_000))
            await writer.Apply(account, new GraphWriteRequest([], chunk, [], []));
        Console.WriteLine($"seeded {data.Entities.Count:N0} entities, {data.Relationships.Count:N0} relationships in {watch.Elapsed.TotalSeconds:0.0} s");

        var observer = new ProbeObserver();
        var feed = grains.GetGrain<IAccountChangeFeedGrain>(account);
        await feed.Subscribe("gw_bench", grains.CreateObjectReference<IFleetEventObserver>(observer));
        var standing = grains.GetGrain<IStandingQueriesGrain>(account);
        var rows = new List<string>();
        foreach (var incremental in phases)
        {
            push.IncrementalStandingQueries = incremental;
            var label = incremental ? "incremental" : "full re-run (baseline)";
            watch.Restart();
            for (var i = 0; i < queries; i++)
            {
                var text = distinct ? $"{texts[i % texts.Length]} AND displayName != 'x{i}'" : texts[i % texts.Length];
                await standing.Subscribe("gw_bench", new StandingQuerySubscription($"sub_{i}", "conn_bench", limit > 0 ? $"{text} LIMIT {limit}" : text));
            }
            await standing.Subscribe("gw_bench", new StandingQuerySubscription("sub_probe", "conn_probe", ProbeQuery));
            await standing.Subscribe("gw_bench", new StandingQuerySubscription("sub_chain_probe", "conn_probe", ChainProbeQuery));
            Console.WriteLine($"[{label}] subscribed {queries + 2} queries in {watch.Elapsed.TotalSeconds:0.0} s");
            runs.Reset();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;

            var random = new Random(7);
            var probes = new List<Task<double>>();
            var chainProbes = new List<Task<double>>();
            var probed = new List<int>();
            var sent = 0;
            var total = rate * seconds;
            var tickMs = 10;
            var perTick = Math.Max(1, rate * tickMs / 1000);
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(tickMs));
            watch.Restart();
            var probeEvery = Math.Max(1, total / 20);
            while (sent < total && await timer.WaitForNextTickAsync())
            {
                // Behind schedule: catch up in bigger batches, so "reached" says what the silo sustains.
                var due = Math.Min(total, (int)(watch.Elapsed.TotalSeconds * rate) + perTick);
                var batch = new List<Task>();
                for (; sent < due; sent++)
                {
                    var device = random.Next(devices);
                    var isProbe = sent % probeEvery == 0;
                    var compliant = random.NextDouble() >= 0.1;
                    if (isProbe)
                    {
                        probes.Add(observer.Expect("sub_probe", $"agent host-{device}"));
                        chainProbes.Add(observer.Expect("sub_chain_probe", $"Person {device % data.Persons}"));
                        probed.Add(device);
                    }
                    batch.Add(CountFailure(ChangeAsync(writer, feed, account, device, compliant, isProbe ? "PROBE" : compliant ? "PASS" : "FAIL")));
                }
                await Task.WhenAll(batch);
            }
            var elapsed = watch.Elapsed.TotalSeconds;
            var failedNow = Interlocked.Exchange(ref failed, 0);
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var probeText = await LatenciesAsync(probes);
            var chainProbeText = await LatenciesAsync(chainProbes);
            var (count, mean, p99, max) = runs.Summary();
            var (reads, readMean, readP99, _) = runs.ReadSummary();
            var (prefixes, prefixMean, prefixP99, _) = runs.PrefixSummary();
            var (rechecked, recheckMean, recheckP99, _) = runs.RecheckSummary();
            rows.Add($"| {label} | {(sent - failedNow) / elapsed:N0}/s ({sent - failedNow:N0} in {elapsed:0.0} s{(failedNow > 0 ? $"; {failedNow:N0} timed out" : "")}) | {count / elapsed:N0}/s, {mean:0.0} / {p99:0.0} ms | {reads / elapsed:N0}/s, {readMean:0.0} / {readP99:0.0} ms | {prefixes / elapsed:N0}/s ({runs.ChainPrefixRuns / elapsed:N0}/s chains), {prefixMean:0.0} / {prefixP99:0.0} ms | {rechecked / elapsed:N0}/s, {recheckMean:0.0} / {recheckP99:0.0} ms | {cpu / elapsed:0.00} | {probeText} | {chainProbeText} |");
            await standing.UnsubscribeConnection("conn_bench");
            await standing.UnsubscribeConnection("conn_probe");
            // The next phase replays the same changes: its probes must be able to enter the probe query again.
            foreach (var device in probed)
                await ChangeAsync(writer, feed, account, device, true, "PASS");
        }
        Console.WriteLine();
        Console.WriteLine("| evaluation | changes applied (offered " + rate.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "/s) | full runs/s, mean / p99 | changed-entity reads/s, mean / p99 | prefix runs/s, mean / p99 | chain re-checks/s, mean / p99 | silo CPU cores busy | probe change → queryResultChanged p50 / max | the same, chain probe (owners) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
            Console.WriteLine(row);
        await host.StopAsync();
        return 0;
    }

    private static int failed;

    /// <summary>p50 / max of the probes' push latencies, and how many were not seen.</summary>
    private static async Task<string> LatenciesAsync(List<Task<double>> probes)
    {
        var latencies = new List<double>();
        var missed = 0;
        foreach (var probe in probes)
        {
            try { latencies.Add(await probe); }
            catch (TimeoutException) { missed++; }
        }
        latencies.Sort();
        return latencies.Count == 0 ? "none seen" : $"{latencies[latencies.Count / 2]:0} / {latencies[^1]:0} ms ({missed} of {probes.Count} not seen in 30 s)";
    }

    /// <summary>A change whose graph write or publish timed out (the silo is overloaded) is counted, not fatal.</summary>
    private static async Task CountFailure(Task change)
    {
        try
        {
            await change;
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref failed);
        }
    }

    private static async Task ChangeAsync(IGraphWriterGrain writer, IAccountChangeFeedGrain feed, string account, int device, bool compliant, string status)
    {
        var properties = new Dictionary<string, PropertyValue> { ["compliant"] = compliant, ["status"] = status, ["online"] = device % 3 != 0 };
        await writer.Publish(account, new GraphWriteRequest([new GraphEntityInput($"agent:dev_{device}", "HostAgent", "fleet_agent", $"agent host-{device}", properties)], [], [], []));
        await feed.Publish(new DeviceChangedEvent(account, $"dev_{device}", "PASS", status, compliant, ["diskEncryption"], DateTimeOffset.UtcNow));
    }

    /// <summary>Times every query run of the standing queries.</summary>
    private sealed class TimedRunner
    {
        private ConcurrentBag<double> durations = [];
        private ConcurrentBag<double> reads = [];
        private ConcurrentBag<double> prefixRuns = [];
        private int chainPrefixRuns;
        private ConcurrentBag<double> rechecks = [];

        public IAccountQueryRunner Wrap(IAccountQueryRunner inner) => new Timed(inner, this);

        public void Reset()
        {
            durations = [];
            reads = [];
            prefixRuns = [];
            chainPrefixRuns = 0;
            rechecks = [];
        }

        public (int Count, double Mean, double P99, double Max) Summary() => Summarise(durations);

        public (int Count, double Mean, double P99, double Max) ReadSummary() => Summarise(reads);

        public (int Count, double Mean, double P99, double Max) PrefixSummary() => Summarise(prefixRuns);

        /// <summary>How many of the prefix runs were of chains (the rest: one-step queries).</summary>
        public int ChainPrefixRuns => chainPrefixRuns;

        public (int Count, double Mean, double P99, double Max) RecheckSummary() => Summarise(rechecks);

        private static (int Count, double Mean, double P99, double Max) Summarise(ConcurrentBag<double> bag)
        {
            var all = bag.ToArray();
            Array.Sort(all);
            return all.Length == 0 ? (0, 0, 0, 0) : (all.Length, all.Average(), all[(int)(all.Length * 0.99)], all[^1]);
        }

        private sealed class Timed(IAccountQueryRunner inner, TimedRunner owner) : IAccountQueryRunner
        {
            public async Task<QueryResult?> RunPrefixAsync(string accountId, J1qlQuery query, long lastBlock, CancellationToken cancellationToken)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await inner.RunPrefixAsync(accountId, query, lastBlock, cancellationToken);
                owner.prefixRuns.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (query.Traversals.Count > 0)
                    Interlocked.Increment(ref owner.chainPrefixRuns);
                return result;
            }

            public Task<Func<Entity, long>?> BlockOrderAsync(string accountId, CancellationToken cancellationToken) =>
                inner.BlockOrderAsync(accountId, cancellationToken);

            public async Task<IReadOnlyList<Entity>> GetByKeysAsync(string accountId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await inner.GetByKeysAsync(accountId, keys, cancellationToken);
                owner.reads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return result;
            }

            public async Task<ChainPaths?> RecheckPathsAsync(string accountId, J1qlQuery skeleton, IReadOnlyCollection<Entity> changed, int maxPaths, CancellationToken cancellationToken)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await inner.RecheckPathsAsync(accountId, skeleton, changed, maxPaths, cancellationToken);
                owner.rechecks.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return result;
            }

            public Task<IReadOnlyList<StartMatch>?> MatchStartsAsync(string accountId, J1qlQuery query, IReadOnlyCollection<string> startIds, CancellationToken cancellationToken) =>
                inner.MatchStartsAsync(accountId, query, startIds, cancellationToken);

            public async Task<QueryResult> RunAsync(string accountId, J1qlQuery query, CancellationToken cancellationToken)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await inner.RunAsync(accountId, query, cancellationToken);
                owner.durations.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return result;
            }
        }
    }

    /// <summary>Completes a probe when a queryResultChanged adds the probed agent.</summary>
    private sealed class ProbeObserver : IFleetEventObserver
    {
        private readonly ConcurrentDictionary<(string Subscription, string Name), (long Started, TaskCompletionSource<double> Done)> waiting = new();

        public Task<double> Expect(string subscriptionId, string displayName)
        {
            var entry = (Stopwatch.GetTimestamp(), new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously));
            waiting[(subscriptionId, displayName)] = entry;
            return entry.Item2.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        public Task OnEvents(string accountId, IReadOnlyList<FleetEvent> events)
        {
            foreach (var e in events.OfType<QueryResultChangedEvent>())
            {
                foreach (var added in e.Added)
                {
                    foreach (var (key, entry) in waiting)
                    {
                        if (key.Subscription == e.SubscriptionId && added.Contains($"\"{key.Name}\"", StringComparison.Ordinal) && waiting.TryRemove(key, out _))
                            entry.Done.TrySetResult(Stopwatch.GetElapsedTime(entry.Started).TotalMilliseconds);
                    }
                }
            }
            return Task.CompletedTask;
        }
    }
}
