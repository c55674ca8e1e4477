using Fleet.Compliance.Facts;
using Fleet.Contracts;
using Fleet.Contracts.Devices;
using Fleet.Contracts.Persons;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Serialization;

namespace Fleet.Gateway.Tests.Infrastructure;

/// <summary>
/// An Orleans client of an embedded gateway's co-hosted silo, for setting up what has no REST endpoint
/// (devices are created by agent enrolment over gRPC, owned by another feature).
/// </summary>
public sealed class SiloClient : IAsyncDisposable
{
    private readonly IHost _host;

    private SiloClient(IHost host) => _host = host;

    public IClusterClient Grains => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<SiloClient> ConnectAsync(GatewayProcess gateway)
    {
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client =>
            {
                client.UseLocalhostClustering(gateway.SiloGatewayPort, serviceId: "fleet", clusterId: "fleet");
                client.Services.AddSerializer(s => s.AddFleetLibraries());
            })
            .Build();
        await host.StartAsync();
        return new SiloClient(host);
    }

    public async Task<string> EnrollAsync(string accountId, string hostname, bool firewall)
    {
        var facts = new DeviceFacts
        {
            Platform = Platform.Darwin,
            OsName = "macOS",
            OsVersion = "15.1",
            Hostname = hostname,
            MachineId = "machine-" + hostname + Guid.NewGuid().ToString("N"),
            AgentVersion = "1.0.0",
            Firewall = firewall ? Fact.On() : Fact.Off(),
            DiskEncryption = Fact.On(),
        };
        var deviceId = await Grains.GetGrain<IMachineIdGrain>(MachineIds.GrainKey(accountId, PersonIds.For(accountId, "ann@acme.test"), facts.MachineId)).GetOrAssignDeviceId();
        await Grains.GetGrain<IDeviceGrain>(deviceId).Enroll(new DeviceEnrollment(accountId, "ann@acme.test", "ab", facts));
        return deviceId;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
