using Fleet.Contracts;
using Fleet.Grains.Devices;
using Fleet.Grains.Hosting;
using Fleet.Hosting;
using Fleet.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Fleet.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process silo with memory grain storage under Fleet's storage name (wrapped to count writes), Fleet's
/// own tables in a throwaway SQLite file, a recording change sink and a fake clock shared with the tests, so
/// timelines (history, evidence, offline detection) are scripted, never slept through.
/// </summary>
public sealed class SiloClusterFixture : IAsyncLifetime
{
    private const string InnerStorage = "fleet-memory";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "fleet-silo-tests-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;
    public StorageWriteCounter StorageWrites { get; } = new();
    public RecordingDeviceChangeSink Changes { get; } = new();
    public StallableProjectionSink Projections { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var storage = new FleetStorageOptions
        {
            Provider = FleetStorageOptions.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(_dataDirectory, "fleet.db")};Pooling=False",
        };
        await SchemaMigrator.MigrateAsync(storage);

        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(InnerStorage);
            // As the real silo stores state (a grain activated again must read back what it wrote).
#pragma warning disable ORLEANSEXP006
            silo.UseSystemTextJsonGrainStorageSerializer();
#pragma warning restore ORLEANSEXP006
            silo.Services.AddKeyedSingleton<IGrainStorage>(FleetSiloExtensions.GrainStorage,
                (services, _) => new CountingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(InnerStorage), StorageWrites));
            silo.Services.AddSerializer(s => s.AddFleetLibraries());
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.AddSingleton<IDeviceChangeSink>(Changes);
            silo.Services.AddSingleton<IDeviceProjectionSink>(Projections);
            silo.Services.AddFleetComplianceCore(storage);
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(s => s.AddFleetLibraries()));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}
