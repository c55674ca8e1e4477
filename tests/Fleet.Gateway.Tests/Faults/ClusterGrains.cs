using Fleet.Contracts;
using Fleet.Contracts.Devices;
using Fleet.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Core.Internal;
using Orleans.Runtime.Placement;
using Orleans.Serialization;

namespace Fleet.Gateway.Tests.Faults;

/// <summary>
/// The test's own Orleans client into a cluster started by <see cref="Infrastructure.ClusterTopology"/>: tells on which
/// silo a device grain lives and moves it to another, so a test can place grains on both silos deterministically
/// (Orleans' default placement is resource-optimized, not predictable).
/// </summary>
internal sealed class ClusterGrains : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterGrains(IHost host) => _host = host;

    private IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();
    private IManagementGrain Management => Client.GetGrain<IManagementGrain>(0);

    public static async Task<ClusterGrains> ConnectAsync(string connectionString, string clusterId)
    {
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "fleet"));
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (AdoNetInvariants.Postgres, connectionString));
                client.Services.AddSerializer(s => s.AddFleetLibraries());
            })
            .Build();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(patience.Token);
        return new ClusterGrains(host);
    }

    /// <summary>The silo holding the device's activation (activating it where Orleans places it if it has none).</summary>
    public async Task<SiloAddress> SiloOfAsync(string deviceId)
    {
        var device = Client.GetGrain<IDeviceGrain>(deviceId);
        await device.GetAccountId();
        return await Management.GetActivationAddress(device)
            ?? throw new InvalidOperationException($"Device {deviceId} has no activation right after a call.");
    }

    /// <summary>The one active silo that is not <paramref name="silo"/>.</summary>
    public async Task<SiloAddress> OtherSiloAsync(SiloAddress silo)
    {
        var hosts = await Management.GetHosts(onlyActive: true);
        return hosts.Keys.Single(s => !s.Equals(silo));
    }

    /// <summary>
    /// Migrates the device's grain to <paramref name="target"/> (Orleans' live migration with a placement hint, as a
    /// graceful silo stop does), asking again until the directory shows it there.
    /// </summary>
    public async Task MoveDeviceAsync(string deviceId, SiloAddress target)
    {
        var device = Client.GetGrain<IDeviceGrain>(deviceId);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (attempt % 10 == 0)
            {
                RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
                try
                {
                    await device.Cast<IGrainManagementExtension>().MigrateOnIdle();
                }
                finally
                {
                    RequestContext.Clear();
                }
            }
            await Task.Delay(200);
            await device.GetAccountId();
            if (target.Equals(await Management.GetActivationAddress(device)))
                return;
        }
        throw new InvalidOperationException($"Device {deviceId} could not be moved to {target}.");
    }

    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(CancellationToken.None); }
        finally { _host.Dispose(); }
    }
}
