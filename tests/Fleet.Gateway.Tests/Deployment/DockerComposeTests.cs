using Fleet.Gateway.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Fleet.Gateway.Tests.Deployment;

/// <summary>docker-compose.yml is valid for docker-compose and describes the cluster topology.</summary>
public sealed class DockerComposeTests
{
    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void Compose_defines_postgres_silo_and_gateway()
    {
        Assert.Equal(["gateway", "postgres", "silo"], _compose.ServiceNames.Order());
    }

    [Fact]
    public void Postgres_has_a_healthcheck_that_silos_and_the_gateway_wait_for()
    {
        Assert.True(_compose.Service("postgres").Children.ContainsKey("healthcheck"));
        foreach (var service in new[] { "silo", "gateway" })
        {
            var dependsOn = (YamlMappingNode)_compose.Service(service)["depends_on"];
            Assert.Equal("service_healthy", ((YamlScalarNode)((YamlMappingNode)dependsOn["postgres"])["condition"]).Value);
        }
    }

    // A service that publishes host ports or names its container cannot run with --scale silo=3.
    [Fact]
    public void Silo_can_be_scaled()
    {
        var silo = _compose.Service("silo");
        Assert.False(silo.Children.ContainsKey("ports"));
        Assert.False(silo.Children.ContainsKey("container_name"));
    }

    [Fact]
    public void Gateway_runs_as_a_cluster_client_on_every_interface_with_its_two_ports_published()
    {
        var settings = _compose.Settings("gateway");
        Assert.Equal("cluster", settings["Fleet:Gateway:Mode"]);
        Assert.Equal("*", settings["Fleet:Gateway:ListenAddress"]);
        Assert.Equal("compose-test-key", settings["Fleet:OperatorKey"]);
        var ports = ((YamlSequenceNode)_compose.Service("gateway")["ports"]).Children.Cast<YamlMappingNode>()
            .Select(p => ((YamlScalarNode)p["target"]).Value).Order();
        Assert.Equal(["5080", "5081"], ports);
    }

    [Fact]
    public void Silos_and_gateway_share_one_cluster_and_one_postgres_database()
    {
        var silo = _compose.Settings("silo");
        var gateway = _compose.Settings("gateway");
        foreach (var key in new[] { "Fleet:Storage:Provider", "Fleet:Storage:ConnectionString", "Fleet:ClusterId", "Fleet:ServiceId" })
            Assert.Equal(silo[key], gateway[key]);
        Assert.Equal("postgres", silo["Fleet:Storage:Provider"]);
        Assert.Contains("Host=postgres", silo["Fleet:Storage:ConnectionString"]);
    }

    // Proves docker-compose.tls.yml is valid over docker-compose.yml and gives the gateway its Kestrel certificate and
    // every silo and the gateway the cluster's mutual-TLS certificate, all from one read-only mount.
    [Fact]
    public void The_tls_override_mounts_the_certificates_for_kestrel_and_cluster_tls()
    {
        var tls = ComposeFile.Load("docker-compose.tls.yml");
        var gateway = tls.Settings("gateway");
        Assert.StartsWith("/certs/", gateway["Kestrel:Certificates:Default:Path"]);
        Assert.StartsWith("/certs/", gateway["Kestrel:Certificates:Default:KeyPath"]);
        foreach (var service in new[] { "silo", "gateway" })
        {
            var settings = tls.Settings(service);
            foreach (var key in new[] { "CertificatePath", "KeyPath", "CaPath" })
                Assert.StartsWith("/certs/", settings["Fleet:ClusterTls:" + key]);
            var volumes = ((YamlSequenceNode)tls.Service(service)["volumes"]).Children.Select(v => v.ToString());
            Assert.Contains(volumes, v => v.EndsWith(":/certs:ro", StringComparison.Ordinal));
        }
    }
}
