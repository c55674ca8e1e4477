using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Fleet.Bench.Shared;
using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Policy;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Devices;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Grains.Hosting;
using Fleet.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fleet.Bench;

/// <summary>
/// fleet-bench reevaluate: a policy change re-evaluating every device of an account. An in-process silo exactly as the
/// embedded gateway hosts it (AddFleetSilo: SQLite grain storage and history in a temp folder); N devices seeded through
/// IDeviceGrain.Enroll; then SetPolicy with one more check (every device's results change, so every device writes),
/// timed until the account reports the fan-out finished. Baseline in the same run: PolicyEvaluator.Evaluate over the same
/// N facts in a loop, one thread.
/// </summary>
public static class ReevaluationBench
{
    public const string Usage = "fleet-bench reevaluate [--devices 100000] [--seed-parallelism 64] [--no-docs]";

    private static readonly string PolicyBefore = FleetApi.Policy.Replace("remoteLogin: NEVER\n", "", StringComparison.Ordinal);
    private static readonly string PolicyAfter = FleetApi.Policy;

    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Int("--devices", 100_000);
        var report = new BenchReport("reevaluate", "Policy change re-evaluation", options, "reevaluate");
        var data = Path.Combine(Path.GetTempPath(), "fleet-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(data);
        var facts = Enumerable.Range(0, count).Select(i => DomainFacts.From(SimFacts.For(i, Enrollment.IsFailing(i, 0.1), Guid.NewGuid().ToString("N")))).ToArray();

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fleet:DataDirectory"] = data,
            ["Fleet:SiloPort"] = FreePort.Next().ToString(),
            ["Fleet:SiloGatewayPort"] = FreePort.Next().ToString(),
        });
        builder.AddFleetSilo();
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var accountId = AccountIds.New();
        var account = grains.GetGrain<IAccountGrain>(accountId);
        await account.Create("bench");
        var v1 = (await account.SetPolicy(PolicyBefore, "yaml")).Version;
        var seed = Stopwatch.StartNew();
        long seeded = 0;
        var ids = new string[count];
        using (Progress.Every(TimeSpan.FromSeconds(10), () => $"seed: {Interlocked.Read(ref seeded):N0}/{count:N0} devices, {seed.Elapsed.TotalSeconds:0} s"))
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = options.Int("--seed-parallelism", 64) }, async (i, _) =>
            {
                ids[i] = DeviceIds.New();
                var tokenHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ids[i])));
                await grains.GetGrain<IDeviceGrain>(ids[i]).Enroll(new DeviceEnrollment(accountId, $"person{i:D6}@bench.example.com", tokenHash, facts[i]));
                Interlocked.Increment(ref seeded);
            });
        }
        seed.Stop();
        Console.WriteLine($"seed: {count:N0} devices enrolled in {seed.Elapsed.TotalSeconds:0.0} s ({count / seed.Elapsed.TotalSeconds:N0}/s), policy v{v1}");

        var writesBefore = await StorageProbe.ReadAsync(data);
        var watch = Stopwatch.StartNew();
        var v2 = (await account.SetPolicy(PolicyAfter, "yaml")).Version;
        using (Progress.Every(TimeSpan.FromSeconds(10), () => $"re-evaluating: {watch.Elapsed.TotalSeconds:0} s"))
        {
            while (await account.GetReevaluatedPolicyVersion() < v2)
                await Task.Delay(50);
        }
        var fanOut = watch.Elapsed;
        var writes = await StorageProbe.ReadAsync(data) - writesBefore;
        var sample = await grains.GetGrain<IDeviceGrain>(ids[count / 2]).Get();
        Console.WriteLine($"fan-out: v{v2} re-evaluated on {count:N0} devices in {fanOut.TotalSeconds:0.00} s; {writes.GrainStateWrites:N0} state writes, {writes.HistoryRows:N0} history rows; sample device at policy v{sample?.PolicyVersion}");
        await host.StopAsync();
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }

        // Baseline: the pure evaluation of the same facts against the same new policy.
        var policy = PolicyParser.Parse(PolicyAfter).Policy!;
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Math.Min(count, 2_000); i++)
            PolicyEvaluator.Evaluate(policy, facts[i], new WaiverSubject(ids[i], null), now);
        var pure = Stopwatch.StartNew();
        var failing = 0;
        for (var i = 0; i < count; i++)
            failing += PolicyEvaluator.Evaluate(policy, facts[i], new WaiverSubject(ids[i], $"person{i:D6}@bench.example.com"), now).Compliant ? 0 : 1;
        var evaluate = pure.Elapsed;
        Console.WriteLine($"baseline: PolicyEvaluator.Evaluate × {count:N0} in {evaluate.TotalMilliseconds:0} ms ({failing:N0} not compliant)");

        report.Line($"A policy change re-evaluates every device of the account (bounded parallel fan-out, {Fleet.Grains.Accounts.AccountGrain.FanOutParallelism} " +
                    $"calls in flight). {count:N0} devices seeded through `IDeviceGrain.Enroll` into an in-process silo set up exactly as the embedded gateway's " +
                    "(`AddFleetSilo`: SQLite grain storage and history in a temp folder; the device grains stay active after seeding). The new policy adds " +
                    "`remoteLogin: NEVER`, so every device's results change and every device writes. Timed from `SetPolicy` until " +
                    "`GetReevaluatedPolicyVersion()` reaches the new version (polled every 50 ms). Baseline: `PolicyEvaluator.Evaluate` over the same facts, one thread.");
        report.Line();
        report.Table(["what", "devices ", "time s ", "devices/s ", "state writes ", "history rows "],
        [
            ["seeding (IDeviceGrain.Enroll, 64 in flight)", count.ToString("N0"), seed.Elapsed.TotalSeconds.ToString("0.0"), (count / seed.Elapsed.TotalSeconds).ToString("N0"), "–", "–"],
            ["fan-out after PUT policy (grains + SQLite)", count.ToString("N0"), fanOut.TotalSeconds.ToString("0.00"), (count / fanOut.TotalSeconds).ToString("N0"), writes.GrainStateWrites.ToString("N0"), writes.HistoryRows.ToString("N0")],
            ["baseline: PolicyEvaluator.Evaluate loop", count.ToString("N0"), evaluate.TotalSeconds.ToString("0.000"), (count / evaluate.TotalSeconds).ToString("N0"), "–", "–"],
        ]);
        report.Line($"Fan-out ÷ pure evaluation: **{fanOut / evaluate:0}×** — the grain calls and storage writes around each evaluation.");
        report.Publish();
        return 0;
    }
}
