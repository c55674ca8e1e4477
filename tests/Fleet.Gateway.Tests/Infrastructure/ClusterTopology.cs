namespace Fleet.Gateway.Tests.Infrastructure;

/// <summary>
/// The docker-compose topology as plain processes: a throwaway PostgreSQL, silo processes and gateway processes in
/// cluster mode, each configured from docker-compose.yml's environment for its service (database, ports, cluster id replaced).
/// </summary>
public sealed class ClusterTopology : IAsyncDisposable
{
    private readonly string _clusterId;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly List<FleetProcess> _silos = [];
    private readonly List<int> _siloHealthPorts = [];
    private readonly List<GatewayProcess> _gateways = [];

    private ClusterTopology(PostgresServer postgres, string connectionString, string clusterId, IReadOnlyDictionary<string, string>? settings)
    {
        _settings = settings ?? new Dictionary<string, string>();
        Postgres = postgres;
        ConnectionString = connectionString;
        _clusterId = clusterId;
    }

    public PostgresServer Postgres { get; }
    public string ConnectionString { get; }
    public IReadOnlyList<FleetProcess> Silos => _silos;
    /// <summary>Each silo's <c>/healthz</c> and <c>/readyz</c> port, in the order of <see cref="Silos"/>.</summary>
    public IReadOnlyList<int> SiloHealthPorts => _siloHealthPorts;
    public IReadOnlyList<GatewayProcess> Gateways => _gateways;
    public GatewayProcess Gateway => _gateways[0];

    /// <param name="settings">More configuration for every silo and gateway (e.g. <c>Fleet:ClusterTls:*</c>).</param>
    public static async Task<ClusterTopology> StartAsync(int silos, int gateways, string clusterId, IReadOnlyDictionary<string, string>? settings = null)
    {
        var postgres = await PostgresServer.StartAsync();
        var topology = new ClusterTopology(postgres, await postgres.CreateDatabaseAsync(), clusterId, settings);
        try
        {
            for (var i = 0; i < silos; i++)
                await topology.StartSiloAsync();
            for (var i = 0; i < gateways; i++)
                topology._gateways.Add(await GatewayProcess.StartClusterClientAsync(topology.ConnectionString, clusterId, settings));
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    public async Task<FleetProcess> StartSiloAsync()
    {
        var healthPort = FreePort.Next();
        var settings = ComposeFile.Load().Settings("silo");
        settings["Fleet:Storage:ConnectionString"] = ConnectionString;
        settings["Fleet:ClusterId"] = _clusterId;
        settings["Fleet:AdvertisedAddress"] = "127.0.0.1";
        settings["Fleet:SiloPort"] = FreePort.Next().ToString();
        settings["Fleet:SiloGatewayPort"] = FreePort.Next().ToString();
        settings["Fleet:HealthPort"] = healthPort.ToString();
        foreach (var (key, value) in _settings)
            settings[key] = value;
        var silo = FleetProcess.Start(BuiltHost.SiloDll, settings);
        _silos.Add(silo);
        _siloHealthPorts.Add(healthPort);
        await silo.WaitUntilAnswersAsync($"http://127.0.0.1:{healthPort}/readyz", TimeSpan.FromSeconds(90));
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _gateways)
            await gateway.DisposeAsync();
        foreach (var silo in _silos)
            await silo.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
