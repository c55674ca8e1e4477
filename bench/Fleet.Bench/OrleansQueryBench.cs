using System.Diagnostics;
using Fleet.Contracts;
using Fleet.Contracts.Graph;
using Fleet.Grains.Graph;
using Fleet.Grains.Graph.Storage;
using Fleet.Grains.Hosting;
using Fleet.Grains.Storage;
using Fleet.Hosting;
using Fleet.Hosting.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;

namespace Fleet.Bench;

/// <summary>The questions against an in-process silo holding the graph in its partitions (memory or SQLite rows).</summary>
public sealed class OrleansQueryBench : IAsyncDisposable
{
    private readonly IHost host;
    private readonly string? sqliteDirectory;

    private OrleansQueryBench(IHost host, string? sqliteDirectory)
    {
        this.host = host;
        this.sqliteDirectory = sqliteDirectory;
    }

    public string AccountId { get; } = "acc_" + Guid.NewGuid().ToString("N");

    public static async Task<OrleansQueryBench> StartAsync(string storage)
    {
        IGraphStore store = new InMemoryGraphStore();
        string? directory = null;
        if (storage == "sqlite")
        {
            directory = Path.Combine(Path.GetTempPath(), "fleet-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(directory);
            var options = new FleetStorageOptions { Provider = FleetStorageOptions.Sqlite, ConnectionString = $"Data Source={Path.Combine(directory, "fleet.db")};Pooling=True" };
            await SchemaMigrator.MigrateAsync(options);
            var database = new FleetDatabase(options);
            store = new SqlGraphStore(database, new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance));
        }
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(Fleet.Gateway.Tests.Infrastructure.FreePort.Next(), Fleet.Gateway.Tests.Infrastructure.FreePort.Next());
            silo.AddMemoryGrainStorage(FleetSiloExtensions.GrainStorage);
            silo.Services.AddSerializer(s => s.AddFleetLibraries());
            // Flushes at 5,000 pending rows: the seed is a bulk load.
            silo.Services.AddFleetGraph(store, new GraphOptions { FlushBatchSize = 5_000 }, new QueryOptions());
        });
        var host = builder.Build();
        await host.StartAsync();
        return new OrleansQueryBench(host, directory);
    }

    private IGrainFactory Grains => (IGrainFactory)host.Services.GetService(typeof(IGrainFactory))!;

    /// <summary>Writes the seed through the writer grain in batches (entities first, then relationships).</summary>
    public Task<TimeSpan> SeedAsync(SeedData data, int batchSize) => SeedAsync(data.Entities, data.Relationships, batchSize);

    /// <summary>As above, for the given entities and relationships.</summary>
    public async Task<TimeSpan> SeedAsync(IReadOnlyList<GraphEntityInput> entities, IReadOnlyList<GraphRelationshipInput> relationships, int batchSize)
    {
        var watch = Stopwatch.StartNew();
        var writer = Grains.GetGrain<IGraphWriterGrain>(0);
        foreach (var chunk in entities.Chunk(batchSize))
        {
            Check(await writer.Apply(AccountId, new GraphWriteRequest(chunk, [], [], [])));
        }
        foreach (var chunk in relationships.Chunk(batchSize))
        {
            Check(await writer.Apply(AccountId, new GraphWriteRequest([], chunk, [], [])));
        }
        return watch.Elapsed;

        static void Check(GraphWriteOutcome outcome)
        {
            if (!outcome.Succeeded)
                throw new InvalidOperationException("seed refused: " + string.Join("; ", outcome.Errors.Take(5)));
        }
    }

    /// <summary>The result JSON of a query through <see cref="IQueryGrain"/>.</summary>
    public async Task<string> RunAsync(string query)
    {
        var answer = await Grains.GetGrain<IQueryGrain>(0).Run(AccountId, query);
        return answer is QueryAnswer.Succeeded succeeded ? succeeded.Json : throw new InvalidOperationException($"query failed: {answer}");
    }

    /// <summary>Runs a query outside the silo with a timing source, to see where the time goes.</summary>
    public async Task<(List<string> Log, double TotalMs)> ProfileAsync(string query)
    {
        var parsed = Fleet.Query.Syntax.J1qlParser.Parse(query, Fleet.Query.QueryLimits.Default).Query!;
        var gc = GcSnapshot.Take();
        var watch = Stopwatch.StartNew();
        var catalog = await Grains.GetGrain<IGraphCatalogGrain>(AccountId).Get();
        var source = new TimedGraphSource(new GrainGraphSource(Grains, AccountId, catalog));
        var result = await Fleet.Query.Execution.QueryExecutor.ExecuteAsync(parsed, source, DateTimeOffset.UtcNow, Fleet.Query.QueryLimits.Default, CancellationToken.None);
        var executed = watch.Elapsed.TotalMilliseconds;
        var json = Fleet.Query.Execution.QueryResultJson.ToJson(result);
        source.Log.Add($"executor total {executed:0.0} ms; result json {json.Length:N0} chars at {watch.Elapsed.TotalMilliseconds:0.0} ms; {GcSnapshot.Take().Since(gc)}");
        return (source.Log, watch.Elapsed.TotalMilliseconds);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        if (sqliteDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(sqliteDirectory, recursive: true);
        }
    }
}
