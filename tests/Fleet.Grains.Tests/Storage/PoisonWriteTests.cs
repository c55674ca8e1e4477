using System.Data.Common;
using Fleet.Contracts;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Graph;
using Fleet.Grains.Graph;
using Fleet.Grains.Graph.Storage;
using Fleet.Grains.Hosting;
using Fleet.Grains.Storage;
using Fleet.Hosting;
using Fleet.Hosting.Storage;
using Fleet.Query.Evaluation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Fleet.Grains.Tests.Storage;

/// <summary>
/// Writes the database refuses for what they contain (a constraint, a NUL character on PostgreSQL): they fail or are
/// quarantined alone, and never hold up the writes queued or pending with them.
/// </summary>
public sealed class PoisonWriteTests(FleetDatabaseFixture databases) : IClassFixture<FleetDatabaseFixture>
{
    // A write that breaks a constraint fails alone; the 99 queued with it still commit together (the batch is not
    // broken up into one transaction per write).
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_refused_write_fails_alone_and_the_rest_of_its_batch_commits_together(string provider)
    {
        var database = new FleetDatabase(await databases.CreateAsync(provider));
        var log = new RecordingLogger<GroupCommitWriter>();
        await using var writer = new GroupCommitWriter(database, log);
        var writes = Enumerable.Range(0, 100)
            .Select(i => writer.WriteAsync(transaction => Execute(transaction,
                $"INSERT INTO fleet_device_activity (device_id, account_id) VALUES ('dev_{(i == 50 ? 1 : i)}', 'acc_1')")))
            .ToList();

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => writes[50]);
        await Task.WhenAll(writes.Where((_, i) => i != 50));

        Assert.True(StorageErrors.IsPermanent(refused), refused.Message);
        Assert.Equal(99L, await CountAsync(database, "SELECT count(*) FROM fleet_device_activity"));
        Assert.DoesNotContain(4901, log.EventIds);
    }

    // A system write with a NUL character (refused by PostgreSQL) is quarantined with its key; the good entity saved in
    // the same flush and every later change of the partition are stored.
    [Fact]
    public async Task A_graph_row_postgres_refuses_is_quarantined_and_the_partition_keeps_saving()
    {
        var storage = await databases.CreateAsync("postgres");
        var database = new FleetDatabase(storage);
        await using var writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance);
        var store = new SqlGraphStore(database, writer);
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(FleetSiloExtensions.GrainStorage);
            silo.Services.AddSerializer(s => s.AddFleetLibraries());
            silo.Services.AddFleetGraph(store, new GraphOptions { ClassPartitions = new() { ["Widget"] = 1 }, FlushInterval = TimeSpan.FromMilliseconds(100) }, new QueryOptions());
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(s => s.AddFleetLibraries()));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var graph = cluster.Client.GetGrain<IGraphWriterGrain>(0);
        var account = AccountIds.New();

        await graph.Publish(account, Write(Widget("widget:bad", "nul \0 inside"), Widget("widget:good", "fine")));
        await WaitForAsync(database, "SELECT count(*) FROM fleet_quarantine", 1);
        await WaitForAsync(database, "SELECT count(*) FROM fleet_graph_entities WHERE entity_key = 'widget:good'", 1);
        await graph.Publish(account, Write(Widget("widget:later", "after the refusal")));
        await WaitForAsync(database, "SELECT count(*) FROM fleet_graph_entities WHERE entity_key = 'widget:later'", 1);

        await using var connection = await database.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT account_id, table_name, payload FROM fleet_quarantine";
        await using var row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal(account, row.GetString(0));
        Assert.Equal("fleet_graph_entities", row.GetString(1));
        Assert.Contains("widget:bad", row.GetString(2));
        Assert.Contains("\\u0000", row.GetString(2));
    }

    // The display name is a text column of its own (properties are stored as JSON, where a NUL is escaped).
    private static GraphEntityInput Widget(string key, string displayName) =>
        new(key, "Widget", "test_widget", displayName, new Dictionary<string, PropertyValue> { ["note"] = "n" });

    private static GraphWriteRequest Write(params GraphEntityInput[] entities) => new(entities, [], [], []);

    private static async Task WaitForAsync(FleetDatabase database, string countSql, long expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await CountAsync(database, countSql) != expected)
            await Task.Delay(100, timeout.Token);
    }

    private static async Task<long> CountAsync(FleetDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = sql;
        return Convert.ToInt64(await count.ExecuteScalarAsync());
    }

    private static Task<int> Execute(BatchTransaction transaction, string sql) => transaction.Command(sql).ExecuteNonQueryAsync();

    /// <summary>Keeps the event ids a component logged, to prove which path it took.</summary>
    private sealed class RecordingLogger<T> : ILogger<T>
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<int> _events = new();

        public IReadOnlyCollection<int> EventIds => [.. _events];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _events.Enqueue(eventId.Id);
    }
}
