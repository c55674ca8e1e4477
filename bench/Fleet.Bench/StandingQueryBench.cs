using System.Collections.Concurrent;
using System.Diagnostics;
using Fleet.Contracts;
using Fleet.Contracts.Graph;
using Fleet.Contracts.Push;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Silo.Graph;
using Fleet.Silo.Graph.Storage;
using Fleet.Silo.Hosting;
using Fleet.Silo.Push;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Fleet.Bench;

using J1qlQuery = Fleet.Query.Syntax.Query;

/// <summary>
/// Standing queries under load (DESIGN §9, docs/push-and-alerts.md): an in-process silo with the graph (memory) and the
/// push feature, N seeded devices, Q standing queries, then R device changes per second for S seconds, each written to
/// the graph and published on the account's change feed as the device grain does. Reports the change rate reached, how
/// many query runs that caused and how long they took, and the latency from a probe change to its queryResultChanged.
/// </summary>
public static class StandingQueryBench
{
    private const string ProbeQuery = "FIND HostAgent WITH status='PROBE'";
    private static readonly string[] Queries =
    [
        "FIND HostAgent WITH compliant=false",
        "FIND HostAgent WITH compliant=false AND online=true",
        "FIND Device WITH encrypted=false",
        "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false",
    ];

    public static async Task<int> RunAsync(int devices, int queries, int rate, int seconds, bool distinct)
    {
        Console.WriteLine($"Standing-query benchmark: {devices:N0} devices, {queries} standing queries (+1 probe, {(distinct ? "all distinct" : $"{Queries.Length} distinct texts")}), {rate:N0} changes/s for {seconds} s, {Environment.ProcessorCount} cores");
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
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
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
        watch.Restart();
        for (var i = 0; i < queries; i++)
            await standing.Subscribe("gw_bench", new StandingQuerySubscription($"sub_{i}", "conn_bench",
                distinct ? $"{Queries[i % Queries.Length]} AND displayName != 'x{i}'" : Queries[i % Queries.Length]));
        var probe = await standing.Subscribe("gw_bench", new StandingQuerySubscription("sub_probe", "conn_probe", ProbeQuery));
        Console.WriteLine($"subscribed {queries + 1} queries in {watch.Elapsed.TotalSeconds:0.0} s");
        runs.Reset();

        var random = new Random(7);
        var probes = new List<Task<double>>();
        var sent = 0;
        var total = rate * seconds;
        var tickMs = 10;
        var perTick = Math.Max(1, rate * tickMs / 1000);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(tickMs));
        watch.Restart();
        var probeEvery = Math.Max(1, total / 20);
        while (sent < total && await timer.WaitForNextTickAsync())
        {
            var batch = new List<Task>();
            for (var i = 0; i < perTick && sent < total; i++, sent++)
            {
                var device = random.Next(devices);
                var isProbe = sent % probeEvery == 0;
                var compliant = random.NextDouble() >= 0.1;
                if (isProbe)
                    probes.Add(observer.Expect($"agent host-{device}"));
                batch.Add(ChangeAsync(writer, feed, account, device, compliant, isProbe ? "PROBE" : compliant ? "PASS" : "FAIL"));
            }
            await Task.WhenAll(batch);
        }
        var elapsed = watch.Elapsed.TotalSeconds;
        var probeLatencies = new List<double>();
        var missed = 0;
        foreach (var probeTask in probes)
        {
            try { probeLatencies.Add(await probeTask); }
            catch (TimeoutException) { missed++; }
        }
        var (count, mean, p99, max) = runs.Summary();
        Console.WriteLine();
        Console.WriteLine("| metric | value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| changes applied (graph write + feed publish) | {sent:N0} in {elapsed:0.0} s = {sent / elapsed:N0}/s |");
        Console.WriteLine($"| standing-query runs | {count:N0} ({count / elapsed:N0}/s, {count / elapsed / (queries + 1):0.0}/s per query) |");
        Console.WriteLine($"| run duration mean / p99 / max | {mean:0.0} / {p99:0.0} / {max:0.0} ms |");
        probeLatencies.Sort();
        if (probeLatencies.Count > 0)
            Console.WriteLine($"| probe change → queryResultChanged p50 / max ({probeLatencies.Count} probes, {missed} not seen in 30 s) | {probeLatencies[probeLatencies.Count / 2]:0} / {probeLatencies[^1]:0} ms |");
        await host.StopAsync();
        return 0;
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

        public IAccountQueryRunner Wrap(IAccountQueryRunner inner) => new Timed(inner, this);

        public void Reset() => durations = [];

        public (int Count, double Mean, double P99, double Max) Summary()
        {
            var all = durations.ToArray();
            Array.Sort(all);
            return all.Length == 0 ? (0, 0, 0, 0) : (all.Length, all.Average(), all[(int)(all.Length * 0.99)], all[^1]);
        }

        private sealed class Timed(IAccountQueryRunner inner, TimedRunner owner) : IAccountQueryRunner
        {
            public Task<IReadOnlyList<Entity>> GetByKeysAsync(string accountId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
                inner.GetByKeysAsync(accountId, keys, cancellationToken);

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
        private readonly ConcurrentDictionary<string, (long Started, TaskCompletionSource<double> Done)> waiting = new();

        public Task<double> Expect(string displayName)
        {
            var entry = (Stopwatch.GetTimestamp(), new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously));
            waiting[displayName] = entry;
            return entry.Item2.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        public Task OnEvents(string accountId, IReadOnlyList<FleetEvent> events)
        {
            foreach (var e in events.OfType<QueryResultChangedEvent>().Where(q => q.SubscriptionId == "sub_probe"))
            {
                foreach (var added in e.Added)
                {
                    foreach (var (name, entry) in waiting)
                    {
                        if (added.Contains($"\"{name}\"", StringComparison.Ordinal) && waiting.TryRemove(name, out _))
                            entry.Done.TrySetResult(Stopwatch.GetElapsedTime(entry.Started).TotalMilliseconds);
                    }
                }
            }
            return Task.CompletedTask;
        }
    }
}
