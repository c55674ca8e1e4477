using System.Diagnostics;
using System.Text.Json;

namespace Fleet.Bench;

/// <summary>fleet-bench query: the J1QL seed questions on N devices, Fleet vs PostgreSQL (docs/benchmarks.md, Query latency).</summary>
public static class QueryCommand
{
    public const string Usage = "fleet-bench query [--devices 100000] [--runs 100] [--storage memory|sqlite] [--batch 5000] [--no-postgres] [--phases]";

    public static async Task<int> RunAsync(string[] args)
    {
        var devices = IntOption("--devices", 100_000);
        var runs = IntOption("--runs", 100);
        var batch = IntOption("--batch", 5_000);
        var storage = StringOption("--storage", "memory");
        var withPostgres = !args.Contains("--no-postgres");

        Console.WriteLine($"Fleet query benchmark: {devices:N0} devices, {runs} runs per question, graph storage {storage}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var data = SeedData.Generate(devices);
        Console.WriteLine($"data: {data.Entities.Count:N0} entities, {data.Relationships.Count:N0} relationships");

        var rows = new List<(string System, string Question, double P50, double P99, double Mean, string Answer)>();
        long ownersCount, awsCount;

        await using (var orleans = await OrleansQueryBench.StartAsync(storage))
        {
            var seeded = await orleans.SeedAsync(data, batch);
            Console.WriteLine($"orleans: seeded through IGraphWriterGrain in batches of {batch:N0} in {seeded.TotalSeconds:0.0} s");
            ownersCount = CountOf(await orleans.RunAsync(Questions.OwnersCountJ1ql));
            awsCount = CountOf(await orleans.RunAsync(Questions.AwsCountJ1ql));
            Console.WriteLine($"orleans: {ownersCount:N0} persons own a non-compliant device; {awsCount:N0} non-compliant agents lead to 'aws'");
            if (args.Contains("--phases"))
            {
                // Baseline: the same executor over the reference in-memory source (no grains), to separate executor from fan-out cost.
                var memory = new Fleet.Query.Execution.InMemoryGraphSource(
                    data.Entities.Select(e => new Fleet.Query.Evaluation.Entity(e.Key, e.Key, e.Class, e.Type, e.DisplayName, e.Properties)),
                    data.Relationships.Select((r, i) => new Fleet.Query.Evaluation.Relationship($"r{i}", r.Class, r.From, r.To, r.Properties)));
                foreach (var query in new[] { Questions.OwnersJ1ql, Questions.AwsJ1ql })
                {
                    var parsed = Fleet.Query.Syntax.J1qlParser.Parse(query, Fleet.Query.QueryLimits.Default).Query!;
                    for (var i = 0; i < 5; i++)
                    {
                        var timed = new TimedGraphSource(memory);
                        var gc = GcSnapshot.Take();
                        var thread = GC.GetAllocatedBytesForCurrentThread();
                        var watch = Stopwatch.StartNew();
                        await Fleet.Query.Execution.QueryExecutor.ExecuteAsync(parsed, timed, DateTimeOffset.UtcNow, Fleet.Query.QueryLimits.Default, CancellationToken.None);
                        var executorBytes = GC.GetAllocatedBytesForCurrentThread() - thread - timed.AllocatedInSource;
                        Console.WriteLine($"in-memory source run {i}: {watch.Elapsed.TotalMilliseconds:0.0} ms ({GcSnapshot.Take().Since(gc)}; executor itself allocated {executorBytes / 1048576.0:0.0} MB, the source {timed.AllocatedInSource / 1048576.0:0.0} MB): {string.Join("; ", timed.Log)}");
                    }
                }
                foreach (var query in new[] { Questions.OwnersJ1ql, Questions.AwsJ1ql })
                {
                    for (var i = 0; i < 5; i++)
                    {
                        var (log, total) = await orleans.ProfileAsync(query);
                        Console.WriteLine($"profile run {i}: {total:0.0} ms: {string.Join("; ", log)}");
                    }
                }
            }
            foreach (var (name, query) in new[] { ("owners of non-compliant devices", Questions.OwnersJ1ql), ("non-compliant agents → aws", Questions.AwsJ1ql) })
            {
                var (timings, answer) = await MeasureAsync(async () => TreeSize(await orleans.RunAsync(query)));
                rows.Add(("Fleet (Orleans partitions)", name, Percentile(timings, 50), Percentile(timings, 99), timings.Average(), answer));
            }
        }

        if (withPostgres)
        {
            await using var postgres = await PostgresQueryBench.StartAsync();
            var loaded = await postgres.LoadAsync(data);
            Console.WriteLine($"postgres: loaded with COPY and indexed in {loaded.TotalSeconds:0.0} s");
            var pgOwners = await postgres.ScalarAsync(Questions.OwnersCountSql);
            var pgAws = await postgres.ScalarAsync(Questions.AwsCountSql);
            Console.WriteLine($"postgres: {pgOwners:N0} persons, {pgAws:N0} agents (same answers: {pgOwners == ownersCount && pgAws == awsCount})");
            if (pgOwners != ownersCount || pgAws != awsCount)
            {
                Console.Error.WriteLine("the two systems disagree about the answer; the timings are not comparable");
                return 1;
            }
            foreach (var (name, sql) in new[] { ("owners of non-compliant devices", Questions.OwnersSql), ("non-compliant agents → aws", Questions.AwsSql) })
            {
                var (timings, answer) = await MeasureAsync(async () => $"{await postgres.RunAsync(sql)} vertices");
                rows.Add(("PostgreSQL 15 (indexed joins)", name, Percentile(timings, 50), Percentile(timings, 99), timings.Average(), answer));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| system | question | p50 ms | p99 ms | mean ms | answer (first 250 starting entities) |");
        Console.WriteLine($"|---|---|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.System} | {row.Question} | {row.P50:0.0} | {row.P99:0.0} | {row.Mean:0.0} | {row.Answer} |");
        }
        return 0;

        async Task<(List<double> Timings, string Answer)> MeasureAsync(Func<Task<string>> run)
        {
            var answer = "";
            for (var i = 0; i < Math.Max(3, runs / 10); i++)
            {
                answer = await run();
            }
            var timings = new List<double>(runs);
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                answer = await run();
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }
            return (timings, answer);
        }

        static double Percentile(List<double> values, int percentile)
        {
            var sorted = values.Order().ToList();
            var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
        }

        static long CountOf(string tableJson) =>
            (long)JsonDocument.Parse(tableJson).RootElement.GetProperty("data")[0].EnumerateObject().First().Value.GetDouble();

        static string TreeSize(string treeJson)
        {
            var data = JsonDocument.Parse(treeJson).RootElement.GetProperty("data");
            return $"{data.GetProperty("vertices").GetArrayLength()} vertices, {data.GetProperty("edges").GetArrayLength()} edges";
        }

        int IntOption(string name, int fallback) => int.TryParse(StringOption(name, ""), out var value) ? value : fallback;

        string StringOption(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
    }
}
