using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Fleet.Bench.Shared;
using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Policy;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Devices;
using Fleet.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Fleet.Bench;

/// <summary>
/// fleet-bench reevaluate: a policy change re-evaluating every device of an account. An in-process silo exactly as the
/// embedded gateway hosts it (AddFleetSilo: SQLite grain storage and history in a temp folder); N devices seeded, a few
/// untimed (the silo compiles its code), a tenth through IDeviceGrain.Enroll one call each, the rest through
/// IDeviceEnrollmentGrain.EnrollAll in batches (the two rates compared in the same run); then SetPolicy with one more check (every device's results change, so every device writes),
/// timed until the account reports the fan-out finished; then the policy changed back, timed the same way (a running
/// silo's policy change: its code compiled, its caches warm). Baseline in the same run: PolicyEvaluator.Evaluate over the same
/// N facts in a loop, one thread.
/// </summary>
public static class ReevaluationBench
{
    public const string Usage = "fleet-bench reevaluate [--devices 100000] [--warmup-enrollments 1000] [--single-enrollments devices/10] [--seed-parallelism 64] [--batch 1000] [--batches-in-flight 2] [--no-docs]";

    private static readonly string PolicyBefore = FleetApi.Policy.Replace("remoteLogin: NEVER\n", "", StringComparison.Ordinal);
    private static readonly string PolicyAfter = FleetApi.Policy;

    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Int("--devices", 100_000);
        var report = new BenchReport("reevaluate", "Policy change re-evaluation", options, "reevaluate");
        var data = Path.Combine(Path.GetTempPath(), "fleet-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(data);
        var facts = Enumerable.Range(0, count).Select(i => DomainFacts.From(SimFacts.For(i, Enrollment.IsFailing(i, 0.1), Guid.NewGuid().ToString("N")))).ToArray();

        using var host = await InProcessSilo.StartAsync(data);
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var accountId = AccountIds.New();
        var account = grains.GetGrain<IAccountGrain>(accountId);
        await account.Create("bench");
        var v1 = (await account.SetPolicy(PolicyBefore, "yaml")).Version;
        // Seeding, two ways in the same run: one IDeviceGrain.Enroll call per device (64 in flight, as main measured it) for
        // the first devices, then IDeviceEnrollmentGrain.EnrollAll in batches for the rest.
        var ids = Enumerable.Range(0, count).Select(_ => DeviceIds.New()).ToArray();
        DeviceEnrollment EnrollmentOf(int i) => new(accountId, $"person{i:D6}@bench.example.com",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ids[i]))), facts[i]);
        // The first devices enrol untimed, so that both timed ways run compiled code: the first calls of a fresh silo JIT-compile
        // most of what an enrolment runs (docs/benchmarks.md, "What a fan-out waits for").
        var warmup = Math.Min(count / 10, options.Int("--warmup-enrollments", 1_000));
        var singles = Math.Min(count - warmup, options.Int("--single-enrollments", Math.Max(1, count / 10)));
        var batchSize = options.Int("--batch", 1_000);
        long seeded = 0;
        await EnrollOneEachAsync(0, warmup);
        seeded = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var single = Stopwatch.StartNew();
        using (Progress.Every(TimeSpan.FromSeconds(10), () => $"seed (one call each): {Interlocked.Read(ref seeded):N0}/{singles:N0} devices, {single.Elapsed.TotalSeconds:0} s"))
        {
            await EnrollOneEachAsync(warmup, singles);
        }
        single.Stop();
        var singleCpu = CpuPerDevice(ref cpu, singles);
        Console.WriteLine($"seed: {warmup:N0} devices enrolled untimed, then {singles:N0} one call each in {single.Elapsed.TotalSeconds:0.0} s ({singles / single.Elapsed.TotalSeconds:N0}/s, {singleCpu:0.00} CPU ms each), policy v{v1}");

        var batched = count - warmup - singles;
        seeded = 0;
        var batch = Stopwatch.StartNew();
        using (Progress.Every(TimeSpan.FromSeconds(10), () => $"seed (batches of {batchSize:N0}): {Interlocked.Read(ref seeded):N0}/{batched:N0} devices, {batch.Elapsed.TotalSeconds:0} s"))
        {
            var batches = Enumerable.Range(warmup + singles, batched).Chunk(batchSize);
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = options.Int("--batches-in-flight", 2) }, async (chunk, _) =>
            {
                await grains.GetGrain<IDeviceEnrollmentGrain>(0).EnrollAll([.. chunk.Select(i => new DeviceEnrollmentRequest(ids[i], EnrollmentOf(i)))]);
                Interlocked.Add(ref seeded, chunk.Length);
            });
        }
        batch.Stop();
        var batchCpu = CpuPerDevice(ref cpu, batched);
        Console.WriteLine($"seed: {batched:N0} devices enrolled in batches of {batchSize:N0} in {batch.Elapsed.TotalSeconds:0.0} s ({batched / batch.Elapsed.TotalSeconds:N0}/s, {batchCpu:0.00} CPU ms each)");

        var first = await FanOutAsync(PolicyAfter);
        // The same change again in the other direction: a running silo's policy change, its code already compiled and its
        // caches warm (the first fan-out runs code the seeding never ran).
        var second = await FanOutAsync(PolicyBefore);
        var sample = await grains.GetGrain<IDeviceGrain>(ids[count / 2]).Get();
        Console.WriteLine($"sample device at policy v{sample?.PolicyVersion}");
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
                    $"calls in flight). {count:N0} devices seeded ({warmup:N0} untimed first, so that both timed ways run compiled code; then {singles:N0} through `IDeviceGrain.Enroll`, one call each; the rest through `IDeviceEnrollmentGrain.EnrollAll` in batches) into an in-process silo set up exactly as the embedded gateway's " +
                    "(`AddFleetSilo`: SQLite grain storage and history in a temp folder; the device grains stay active after seeding). The new policy adds " +
                    "`remoteLogin: NEVER`, so every device's results change and every device writes. Timed from `SetPolicy` until " +
                    "`GetReevaluatedPolicyVersion()` reaches the new version (polled every 50 ms); then the old policy again, timed the same way " +
                    "(the first fan-out also compiles the code the seeding never ran; the second is a running silo's policy change). Baseline: `PolicyEvaluator.Evaluate` over the same facts, one thread. " +
                    "'CPU ms/device' = the process's CPU time during the phase ÷ its devices: unlike the time, it barely moves with what else runs on the machine.");
        report.Line();
        report.Table(["what", "devices ", "time s ", "devices/s ", "CPU ms/device ", "state writes ", "history rows "],
        [
            ["seeding, one `IDeviceGrain.Enroll` per device (64 in flight)", singles.ToString("N0"), single.Elapsed.TotalSeconds.ToString("0.0"), (singles / single.Elapsed.TotalSeconds).ToString("N0"), singleCpu.ToString("0.00"), "–", "–"],
            [$"seeding, `IDeviceEnrollmentGrain.EnrollAll` (batches of {batchSize:N0}, {options.Int("--batches-in-flight", 2)} in flight)", batched.ToString("N0"), batch.Elapsed.TotalSeconds.ToString("0.0"), (batched / batch.Elapsed.TotalSeconds).ToString("N0"), batchCpu.ToString("0.00"), "–", "–"],
            FanOutRow("fan-out after PUT policy (grains + SQLite)", first),
            FanOutRow("second fan-out, the policy changed back (code compiled, caches warm)", second),
            ["baseline: PolicyEvaluator.Evaluate loop", count.ToString("N0"), evaluate.TotalSeconds.ToString("0.000"), (count / evaluate.TotalSeconds).ToString("N0"), "–", "–", "–"],
        ]);
        report.Line($"Batched enrolment ÷ one call each: **{(batched / batch.Elapsed.TotalSeconds) / (singles / single.Elapsed.TotalSeconds):0.0}×** the devices/s.");
        report.Line($"Fan-out ÷ pure evaluation: **{first.Time / evaluate:0}×** (the second: **{second.Time / evaluate:0}×**) — the grain calls and storage writes around each evaluation.");
        report.Publish();
        return 0;

        string[] FanOutRow(string what, FanOut fanOut) =>
        [
            what, count.ToString("N0"), fanOut.Time.TotalSeconds.ToString("0.00"), (count / fanOut.Time.TotalSeconds).ToString("N0"),
            fanOut.CpuPerDevice.ToString("0.00"), fanOut.Writes.GrainStateWrites.ToString("N0"), fanOut.Writes.HistoryRows.ToString("N0"),
        ];

        Task EnrollOneEachAsync(int first, int devices) =>
            Parallel.ForEachAsync(Enumerable.Range(first, devices), new ParallelOptions { MaxDegreeOfParallelism = options.Int("--seed-parallelism", 64) }, async (i, _) =>
            {
                await grains.GetGrain<IDeviceGrain>(ids[i]).Enroll(EnrollmentOf(i));
                Interlocked.Increment(ref seeded);
            });

        async Task<FanOut> FanOutAsync(string policyText)
        {
            var writesBefore = await StorageProbe.ReadAsync(data);
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var watch = Stopwatch.StartNew();
            var version = (await account.SetPolicy(policyText, "yaml")).Version;
            using (Progress.Every(TimeSpan.FromSeconds(10), () => $"re-evaluating v{version}: {watch.Elapsed.TotalSeconds:0} s"))
            {
                while (await account.GetReevaluatedPolicyVersion() < version)
                    await Task.Delay(50);
            }
            var fanOut = new FanOut(watch.Elapsed, CpuPerDevice(ref cpuBefore, count), await StorageProbe.ReadAsync(data) - writesBefore);
            Console.WriteLine($"fan-out: v{version} re-evaluated on {count:N0} devices in {fanOut.Time.TotalSeconds:0.00} s ({fanOut.CpuPerDevice:0.00} CPU ms each); {fanOut.Writes.GrainStateWrites:N0} state writes, {fanOut.Writes.HistoryRows:N0} history rows");
            return fanOut;
        }
    }

    private sealed record FanOut(TimeSpan Time, double CpuPerDevice, StorageProbe.Writes Writes);

    /// <summary>The process's CPU milliseconds since <paramref name="since"/> per device; moves <paramref name="since"/> to now.</summary>
    private static double CpuPerDevice(ref TimeSpan since, int devices)
    {
        var now = Environment.CpuUsage.TotalTime;
        var perDevice = (now - since).TotalMilliseconds / Math.Max(1, devices);
        since = now;
        return perDevice;
    }
}
