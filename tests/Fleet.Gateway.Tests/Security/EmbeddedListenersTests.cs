using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Fleet.Contracts;
using Fleet.Contracts.Accounts;
using Fleet.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Serialization;

namespace Fleet.Gateway.Tests.Security;

/// <summary>What a local user on the server can reach of an embedded gateway.</summary>
public sealed class EmbeddedListenersTests
{
    // Proves embedded mode opens no Orleans client gateway: the configured port refuses connections and an Orleans client
    // (which could otherwise call IApiKeyGrain and any other grain without a key) cannot join.
    [Fact]
    public async Task An_orleans_client_cannot_connect_to_an_embedded_gateway()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);

        using var tcp = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => tcp.ConnectAsync(IPAddress.Loopback, gateway.SiloGatewayPort));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);

        using var client = Host.CreateDefaultBuilder()
            .UseOrleansClient(orleans =>
            {
                orleans.UseLocalhostClustering(gateway.SiloGatewayPort, serviceId: "fleet", clusterId: "fleet");
                orleans.Services.AddSerializer(s => s.AddFleetLibraries());
            })
            .Build();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var joined = false;
        try
        {
            await client.StartAsync(patience.Token);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            await grains.GetGrain<IApiKeyGrain>(ApiKeys.GrainKey("fleet_anything")).GetAccountId().WaitAsync(patience.Token);
            joined = true;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            // Expected: no gateway to connect to.
        }
        Assert.False(joined, "an Orleans client reached a grain of the embedded silo");
    }

    // Proves every TCP port an embedded gateway listens on (HTTP, agents, the silo's own port) is bound to loopback.
    [Fact]
    public async Task An_embedded_gateway_listens_on_loopback_only()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);

        var listening = ListeningSockets().Where(s => s.Port == gateway.HttpPort || s.Port == gateway.AgentPort || s.Port == gateway.SiloPort).ToList();

        Assert.Equal(new[] { gateway.HttpPort, gateway.AgentPort, gateway.SiloPort }.Order(), listening.Select(s => s.Port).Distinct().Order());
        Assert.All(listening, s => Assert.True(IPAddress.IsLoopback(s.Address), $"port {s.Port} listens on {s.Address}"));
    }

    /// <summary>Listening TCP sockets (IPv4 and IPv6) from /proc/net/tcp*, state 0A.</summary>
    private static IEnumerable<(IPAddress Address, int Port)> ListeningSockets()
    {
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4 || fields[3] != "0A")
                    continue;
                var local = fields[1].Split(':');
                var bytes = Convert.FromHexString(local[0]);
                for (var i = 0; i < bytes.Length; i += 4)
                    Array.Reverse(bytes, i, 4); // each 32-bit word is in host (little-endian) order
                yield return (new IPAddress(bytes), int.Parse(local[1], NumberStyles.HexNumber));
            }
        }
    }
}
