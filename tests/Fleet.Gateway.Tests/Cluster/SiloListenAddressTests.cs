using System.Globalization;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Cluster;

/// <summary>
/// A silo process listens on loopback unless Fleet:ListenAddress opens it: its silo, silo-gateway and health ports carry
/// Orleans' unauthenticated traffic and the health answers, so every interface is an explicit choice (docker-compose and
/// the Kubernetes manifests make it).
/// </summary>
public sealed class SiloListenAddressTests
{
    // Proves a silo started without Fleet:ListenAddress binds its three ports to 127.0.0.1 only (and still forms a cluster member that answers /readyz).
    [Fact]
    public async Task A_silo_listens_on_loopback_by_default()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var ports = new[] { FreePort.Next(), FreePort.Next(), FreePort.Next() };
        var settings = ComposeFile.Load().Settings("silo");
        settings.Remove("Fleet:ListenAddress");
        settings["Fleet:Storage:ConnectionString"] = connectionString;
        settings["Fleet:ClusterId"] = "listen-default";
        settings["Fleet:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture);
        settings["Fleet:SiloGatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture);
        settings["Fleet:HealthPort"] = ports[2].ToString(CultureInfo.InvariantCulture);
        await using var silo = FleetProcess.Start(BuiltHost.SiloDll, settings);
        await silo.WaitUntilAnswersAsync($"http://127.0.0.1:{ports[2]}/readyz", TimeSpan.FromSeconds(90));

        foreach (var port in ports)
            Assert.Equal(["127.0.0.1"], ListeningAddresses(port));
    }

    // Proves Fleet:ListenAddress=* (what docker-compose sets) opens the same ports on every interface.
    [Fact]
    public async Task ListenAddress_star_listens_on_every_interface()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var ports = new[] { FreePort.Next(), FreePort.Next(), FreePort.Next() };
        var settings = ComposeFile.Load().Settings("silo");
        Assert.Equal("*", settings["Fleet:ListenAddress"]);
        settings["Fleet:Storage:ConnectionString"] = connectionString;
        settings["Fleet:ClusterId"] = "listen-any";
        settings["Fleet:AdvertisedAddress"] = "127.0.0.1";
        settings["Fleet:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture);
        settings["Fleet:SiloGatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture);
        settings["Fleet:HealthPort"] = ports[2].ToString(CultureInfo.InvariantCulture);
        await using var silo = FleetProcess.Start(BuiltHost.SiloDll, settings);
        await silo.WaitUntilAnswersAsync($"http://127.0.0.1:{ports[2]}/readyz", TimeSpan.FromSeconds(90));

        foreach (var port in ports)
            Assert.DoesNotContain("127.0.0.1", ListeningAddresses(port));
    }

    /// <summary>Local addresses of the TCP sockets listening on a port (IPv4 and IPv6), from /proc/net/tcp*.</summary>
    private static List<string> ListeningAddresses(int port)
    {
        var found = new List<string>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                if (fields[3] != "0A" || int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != port)
                    continue; // 0A = LISTEN
                found.Add(local[0] switch
                {
                    "0100007F" => "127.0.0.1",
                    "00000000" => "0.0.0.0",
                    "00000000000000000000000000000000" => "::",
                    var other => other,
                });
            }
        }
        return found;
    }
}
