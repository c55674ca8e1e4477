using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Fleet.Bench.Shared;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Devices;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Fleet.Bench;

/// <summary>
/// fleet-bench storage: the two grain storages of <c>Fleet:Storage:GrainStorage</c> (GroupCommit, AdoNet) side by side in
/// one run, on SQLite and on a throwaway PostgreSQL. For each pair, a fresh database and an in-process silo set up as
/// the hosts set it up (AddFleetSilo): N devices enrolled through IDeviceGrain.Enroll (device state, history, graph),
/// then N single grain-state writes (IMachineIdGrain.GetOrAdopt on new keys: one state write each, nothing else).
/// </summary>
public static class StorageBench
{
    public const string Usage = "fleet-bench storage [--devices 2000] [--parallelism 64] [--no-postgres] [--no-docs]";

    private static readonly string[] Storages = [FleetStorageOptions.GroupCommit, FleetStorageOptions.AdoNet];

    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Int("--devices", 2_000);
        var parallelism = options.Int("--parallelism", 64);
        var report = new BenchReport("storage", "Grain storage: group commit vs Orleans ADO.NET", options, "storage");
        var rows = new List<Result>();

        foreach (var grainStorage in Storages)
            rows.Add(await MeasureAsync(FleetStorageOptions.Sqlite, grainStorage, count, parallelism, null));
        if (!options.Flag("--no-postgres"))
        {
            await using var postgres = await PostgresServer.StartAsync();
            foreach (var grainStorage in Storages)
                rows.Add(await MeasureAsync(FleetStorageOptions.Postgres, grainStorage, count, parallelism, await postgres.CreateDatabaseAsync()));
        }

        report.Line($"Each row: a fresh database and an in-process silo set up by `AddFleetSilo` with `Fleet:Storage:GrainStorage` as named; {count:N0} " +
                    $"devices enrolled through `IDeviceGrain.Enroll` ({parallelism} in flight: device state, check history, graph), then {count:N0} single " +
                    "grain-state writes (`IMachineIdGrain.GetOrAdopt` on new keys). The storages run one after the other in the same process and run.");
        report.Line();
        report.Table(["database", "grain storage", "enrolled devices/s ", "state writes/s "],
            rows.Select(r => new[] { r.Provider, r.GrainStorage, BenchReport.N(r.DevicesPerSecond), BenchReport.N(r.WritesPerSecond) }));
        foreach (var provider in rows.Select(r => r.Provider).Distinct())
        {
            var groupCommit = rows.Single(r => r.Provider == provider && r.GrainStorage == FleetStorageOptions.GroupCommit);
            var adoNet = rows.Single(r => r.Provider == provider && r.GrainStorage == FleetStorageOptions.AdoNet);
            report.Line($"{provider}: GroupCommit ÷ AdoNet = **{groupCommit.DevicesPerSecond / adoNet.DevicesPerSecond:0.00}×** enrollment, " +
                        $"**{groupCommit.WritesPerSecond / adoNet.WritesPerSecond:0.00}×** state writes.");
            report.Line();
        }
        report.Publish();
        return 0;
    }

    private static async Task<Result> MeasureAsync(string provider, string grainStorage, int count, int parallelism, string? connectionString)
    {
        var data = Directory.CreateTempSubdirectory("fleet-bench-").FullName;
        try
        {
            using var host = await InProcessSilo.StartAsync(data, new Dictionary<string, string?>
            {
                ["Fleet:Storage:Provider"] = provider,
                ["Fleet:Storage:ConnectionString"] = connectionString ?? "",
                ["Fleet:Storage:GrainStorage"] = grainStorage,
            });
            var grains = host.Services.GetRequiredService<IGrainFactory>();

            var accountId = AccountIds.New();
            var account = grains.GetGrain<IAccountGrain>(accountId);
            await account.Create("bench");
            await account.SetPolicy(FleetApi.Policy, "yaml");
            var facts = Enumerable.Range(0, count).Select(i => DomainFacts.From(SimFacts.For(i, Enrollment.IsFailing(i, 0.1), Guid.NewGuid().ToString("N")))).ToArray();
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism };

            var enroll = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (i, _) =>
            {
                var deviceId = DeviceIds.New();
                var tokenHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deviceId)));
                await grains.GetGrain<IDeviceGrain>(deviceId).Enroll(new DeviceEnrollment(accountId, $"person{i:D6}@bench.example.com", tokenHash, facts[i]));
            });
            enroll.Stop();

            var write = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (i, _) =>
                await grains.GetGrain<IMachineIdGrain>(MachineIds.AccountWideGrainKey(accountId, $"machine-{i}")).GetOrAdopt(DeviceIds.New()));
            write.Stop();

            await host.StopAsync();
            var result = new Result(provider, grainStorage, count / enroll.Elapsed.TotalSeconds, count / write.Elapsed.TotalSeconds);
            Console.WriteLine($"{provider} {grainStorage}: {result.DevicesPerSecond:N0} enrolled devices/s, {result.WritesPerSecond:N0} state writes/s");
            return result;
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private sealed record Result(string Provider, string GrainStorage, double DevicesPerSecond, double WritesPerSecond);
}
