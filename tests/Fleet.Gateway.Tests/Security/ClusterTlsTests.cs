using System.Net;
using System.Security.Cryptography.X509Certificates;
using Fleet.Contracts;
using Fleet.Contracts.Accounts;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Fleet.Gateway.Tests.Security;

/// <summary>Cluster mode over PostgreSQL with Fleet:ClusterTls: two silo processes and a gateway process, all on one CA.</summary>
public sealed class ClusterTlsTests
{
    // Proves silo-to-silo and gateway-to-silo traffic runs over mutual TLS: two silos and a gateway holding certificates
    // of the cluster's CA form a working cluster, an Orleans client with such a certificate reaches a grain, and the
    // same client holding a certificate of another CA cannot.
    [Fact]
    public async Task Members_with_the_cluster_ca_work_together_and_a_client_with_another_certificate_cannot_join()
    {
        using var pki = TestPki.Create("Cluster");
        using var stranger = TestPki.Create("Stranger");
        var clusterId = "tls-" + Guid.NewGuid().ToString("N")[..8];
        await using var cluster = await ClusterTopology.StartAsync(silos: 2, gateways: 1, clusterId, pki.ClusterTlsSettings());

        var account = await cluster.Gateway.CreateOperatorClient().CreateAccountAsync("Mutual TLS");
        using var read = await cluster.Gateway.CreateClient(account.ApiKey).GetAsync($"/api/v1/accounts/{account.Id}");
        var member = await ReachesAGrainAsync(cluster.ConnectionString, clusterId, pki.CertificatePath, pki.KeyPath);
        var outsider = await ReachesAGrainAsync(cluster.ConnectionString, clusterId, stranger.CertificatePath, stranger.KeyPath);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True(member, "a client with the cluster CA's certificate could not reach a grain");
        Assert.False(outsider, "a client with another CA's certificate reached a grain");
    }

    /// <summary>
    /// An Orleans client that presents <paramref name="certificatePath"/> and accepts any silo certificate (so only the
    /// silo's check of the client decides), asking the API-key grain about a key, within a bound.
    /// </summary>
    private static async Task<bool> ReachesAGrainAsync(string connectionString, string clusterId, string certificatePath, string keyPath)
    {
        var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        using var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "fleet"));
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (AdoNetInvariants.Postgres, connectionString));
                client.Services.AddSerializer(s => s.AddFleetLibraries());
                client.UseTls(certificate, tls => tls.AllowAnyRemoteCertificate());
            })
            .Build();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await host.StartAsync(patience.Token);
            var grains = host.Services.GetRequiredService<IClusterClient>();
            await grains.GetGrain<IApiKeyGrain>(ApiKeys.GrainKey("fleet_anything")).GetAccountId().WaitAsync(patience.Token);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
        finally
        {
            try { await host.StopAsync(CancellationToken.None); } catch (Exception) { /* a client that never connected */ }
        }
    }
}
