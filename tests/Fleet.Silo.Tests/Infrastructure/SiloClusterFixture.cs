using Fleet.Contracts;
using Fleet.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Fleet.Silo.Tests.Infrastructure;

/// <summary>
/// One in-process silo with memory grain storage under Fleet's storage name and a fake clock shared
/// with the tests, so timelines (history, evidence, offline detection) are scripted, never slept through.
/// </summary>
public sealed class SiloClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(FleetSiloExtensions.GrainStorage);
            silo.Services.AddSerializer(s => s.AddFleetLibraries());
            silo.Services.AddSingleton<TimeProvider>(Time);
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(s => s.AddFleetLibraries()));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
