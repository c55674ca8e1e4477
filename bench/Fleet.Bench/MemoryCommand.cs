using Fleet.Bench.Shared;

namespace Fleet.Bench;

/// <summary>
/// fleet-bench memory: bytes per device the silo's graph holds (entity, edge and key partitions with their indexes),
/// docs/benchmarks.md "Memory per device". The managed heap after a full compacting collection is read with the silo
/// empty, after the entities of N devices' fleet (SeedData) are written, and after their relationships; the seed's own
/// objects are dropped before each reading, so what remains is what the silo keeps. Graph storage SQLite by default: its
/// rows live outside the managed heap, as in a deployment (the in-memory store would also count its copy of every row).
/// </summary>
public static class MemoryCommand
{
    public const string Usage = "fleet-bench memory [--devices 100000] [--storage sqlite|memory] [--batch 5000]";

    public static async Task<int> RunAsync(Options options)
    {
        var devices = options.Int("--devices", 100_000);
        var storage = options.String("--storage", "sqlite");
        var batch = options.Int("--batch", 5_000);
        Console.WriteLine($"Fleet memory per device: {devices:N0} devices, graph storage {storage}, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");

        await using var orleans = await OrleansQueryBench.StartAsync(storage);
        // A first write and query activate the account's catalogue and writer: the empty silo is measured warm.
        await orleans.SeedAsync(SeedData.Generate(0), batch);
        await orleans.RunAsync("FIND HostAgent WITH compliant=false");
        var empty = HeapAfterFullCollection();

        var (entityCount, relationshipCount) = await SeedEntitiesAsync(orleans, devices, batch);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the partitions' write-behind flushes (every 100 ms)
        var withEntities = HeapAfterFullCollection();

        await SeedRelationshipsAsync(orleans, devices, batch);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var withEdges = HeapAfterFullCollection();

        Console.WriteLine($"data: {entityCount:N0} entities, {relationshipCount:N0} relationships");
        Console.WriteLine($"heap after full GC: empty silo {Mb(empty)}, with entities {Mb(withEntities)}, with relationships too {Mb(withEdges)}");
        Console.WriteLine();
        Console.WriteLine("| part | bytes per device | bytes per item |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| entities (entity partitions, key partitions, indexes) | {(withEntities - empty) / (double)devices:N0} | {(withEntities - empty) / (double)entityCount:N0} per entity |");
        Console.WriteLine($"| relationships (edge partitions) | {(withEdges - withEntities) / (double)devices:N0} | {(withEdges - withEntities) / (double)relationshipCount:N0} per relationship |");
        Console.WriteLine($"| **total** | **{(withEdges - empty) / (double)devices:N0}** | |");
        return 0;

        static string Mb(long bytes) => $"{bytes / 1048576.0:N1} MB";
    }

    // The seed is generated inside these methods and not returned, so it is garbage by the next reading.
    private static async Task<(int Entities, int Relationships)> SeedEntitiesAsync(OrleansQueryBench orleans, int devices, int batch)
    {
        var data = SeedData.Generate(devices);
        await orleans.SeedAsync(data.Entities, [], batch);
        return (data.Entities.Count, data.Relationships.Count);
    }

    private static async Task SeedRelationshipsAsync(OrleansQueryBench orleans, int devices, int batch)
    {
        var data = SeedData.Generate(devices);
        await orleans.SeedAsync([], data.Relationships, batch);
    }

    private static long HeapAfterFullCollection()
    {
        for (var i = 0; i < 3; i++)
        {
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
