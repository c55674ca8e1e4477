using Fleet.Contracts.Graph;
using Fleet.Grains.Graph.Storage;
using Fleet.Grains.Storage;
using Fleet.Hosting;
using Fleet.Hosting.Storage;
using Fleet.Query.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleet.Grains.Tests.Graph;

/// <summary>The SQLite flavour of the graph store on a real file, schema applied by the migrator as at start-up.</summary>
public sealed class SqlGraphStoreTests : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "fleet-graph-" + Guid.NewGuid().ToString("N")[..8]);
    private GroupCommitWriter writer = null!;
    private SqlGraphStore store = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        var storage = new FleetStorageOptions { Provider = FleetStorageOptions.Sqlite, ConnectionString = $"Data Source={Path.Combine(directory, "fleet.db")};Pooling=False" };
        await SchemaMigrator.MigrateAsync(storage);
        await SchemaMigrator.MigrateAsync(storage); // idempotent: a second start must not fail
        var database = new FleetDatabase(storage);
        writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance);
        store = new SqlGraphStore(database, writer);
    }

    public async Task DisposeAsync()
    {
        await writer.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    private static Entity Agent(string id, bool compliant) => new(id, "agent:" + id, "HostAgent", "fleet_agent", "agent " + id,
        new Dictionary<string, PropertyValue>
        {
            ["compliant"] = compliant,
            ["failing"] = PropertyValue.List("firewall", "diskEncryption"),
            ["lastReportOn"] = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero),
            ["score"] = 0.5,
        });

    [Fact]
    public async Task Entity_rows_round_trip_with_every_value_kind_and_only_within_their_partition()
    {
        await store.SaveEntitiesAsync("acc_a", "HostAgent/3", [new StoredEntity(Agent("a1", false), true, ["compliant"]), new StoredEntity(Agent("a2", true), false)], [], default);
        await store.SaveEntitiesAsync("acc_a", "HostAgent/3", [new StoredEntity(Agent("a2", false), false)], ["a1"], default);

        var loaded = await store.LoadEntitiesAsync("acc_a", "HostAgent/3", default);

        var single = Assert.Single(loaded);
        Assert.False(single.SystemOwned);
        Assert.Equal(Agent("a2", false) with { Properties = single.Entity.Properties }, single.Entity);
        Assert.Equal(Agent("a2", false).Properties.OrderBy(p => p.Key), single.Entity.Properties.OrderBy(p => p.Key));
        Assert.Empty(await store.LoadEntitiesAsync("acc_b", "HostAgent/3", default));
        Assert.Empty(await store.LoadEntitiesAsync("acc_a", "HostAgent/4", default));
    }

    [Fact]
    public async Task Relationship_key_and_catalogue_rows_round_trip()
    {
        var edge = new Relationship("r-1", "OWNS", "Person-1", "Device-1", new Dictionary<string, PropertyValue> { ["since"] = "2026" });
        await store.SaveRelationshipsAsync("acc_a", 2, [edge], [], default);
        await store.SaveKeysAsync("acc_a", 5, [new GraphKeyEntry("person:ann", "Person-1", "Person", true), new GraphKeyEntry("x", "Widget-1", "Widget", false)], ["x"], default);
        var catalog = new GraphCatalog(16, 8, [new GraphClassInfo("Person", 4, ["fleet_person", "okta_user"])]);
        await store.SaveCatalogAsync("acc_a", catalog, default);

        var relationship = Assert.Single(await store.LoadRelationshipsAsync("acc_a", 2, default));
        Assert.Equal((edge.Id, edge.Class, edge.FromId, edge.ToId), (relationship.Id, relationship.Class, relationship.FromId, relationship.ToId));
        Assert.Equal(new StringValue("2026"), relationship.Properties["since"]);
        Assert.Equal([new GraphKeyEntry("person:ann", "Person-1", "Person", true)], await store.LoadKeysAsync("acc_a", 5, default));
        var loadedCatalog = await store.LoadCatalogAsync("acc_a", default);
        Assert.Equal((16, 8, "Person", 4), (loadedCatalog!.KeyPartitions, loadedCatalog.EdgePartitions, loadedCatalog.Classes[0].Class, loadedCatalog.Classes[0].Partitions));
        Assert.Equal(["fleet_person", "okta_user"], loadedCatalog.Classes[0].Types);
    }
}
