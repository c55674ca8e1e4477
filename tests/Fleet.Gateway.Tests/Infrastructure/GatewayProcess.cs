using System.Net.Http.Headers;

namespace Fleet.Gateway.Tests.Infrastructure;

/// <summary>A real gateway process (embedded or cluster mode) on free loopback ports, with clients for its API.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    public const string OperatorKey = "op_test-operator-key";
    private readonly Dictionary<string, string> _settings;
    private readonly TestPki? _tls;
    private FleetProcess _process;

    private GatewayProcess(Dictionary<string, string> settings, FleetProcess process, TestPki? tls)
    {
        _settings = settings;
        _process = process;
        _tls = tls;
    }

    private string Scheme => _tls is null ? "http" : "https";

    public int HttpPort => int.Parse(_settings["Fleet:Gateway:HttpPort"]);
    public int AgentPort => int.Parse(_settings["Fleet:Gateway:AgentPort"]);
    public Uri BaseAddress => new($"{Scheme}://127.0.0.1:{HttpPort}");
    public Uri AgentAddress => new($"{Scheme}://127.0.0.1:{AgentPort}");
    /// <summary>Embedded mode: the co-hosted silo's silo-to-silo port.</summary>
    public int SiloPort => int.Parse(_settings["Fleet:SiloPort"]);
    /// <summary>Embedded mode: the Orleans client port the settings name, which the co-hosted silo must not open.</summary>
    public int SiloGatewayPort => int.Parse(_settings["Fleet:SiloGatewayPort"]);
    public string Output => _process.Output;

    /// <summary>Embedded mode: a co-hosted silo on SQLite in <paramref name="dataDirectory"/>.</summary>
    /// <param name="extraSettings">More configuration (e.g. <c>Fleet:Invites:Lifetime</c>), added to the defaults.</param>
    /// <param name="tls">Serve TLS with this PKI's certificate (clients of this class then trust its CA).</param>
    public static Task<GatewayProcess> StartEmbeddedAsync(string dataDirectory, IReadOnlyDictionary<string, string>? extraSettings = null, TestPki? tls = null) =>
        StartAsync(new Dictionary<string, string>
        {
            ["Fleet:Gateway:Mode"] = "embedded",
            ["Fleet:DataDirectory"] = dataDirectory,
            ["Fleet:SiloPort"] = FreePort.Next().ToString(),
            ["Fleet:SiloGatewayPort"] = FreePort.Next().ToString(),
        }, extraSettings, tls);

    /// <summary>
    /// Cluster mode: an Orleans client of the silos registered in the PostgreSQL database, configured
    /// as docker-compose.yml configures its gateway service (database, cluster id and ports replaced).
    /// </summary>
    public static Task<GatewayProcess> StartClusterClientAsync(string connectionString, string clusterId, IReadOnlyDictionary<string, string>? extraSettings = null, TestPki? tls = null)
    {
        var settings = ComposeFile.Load().Settings("gateway");
        settings["Fleet:Storage:ConnectionString"] = connectionString;
        settings["Fleet:ClusterId"] = clusterId;
        return StartAsync(settings, extraSettings, tls);
    }

    private static async Task<GatewayProcess> StartAsync(Dictionary<string, string> settings, IReadOnlyDictionary<string, string>? extraSettings, TestPki? tls)
    {
        foreach (var (key, value) in tls?.KestrelSettings() ?? [])
            settings[key] = value;
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
            settings[key] = value;
        if (extraSettings?.ContainsKey("Fleet:OperatorKey") != true) // "" there: an embedded gateway generates one
            settings["Fleet:OperatorKey"] = OperatorKey;
        settings["Fleet:Gateway:HttpPort"] = FreePort.Next().ToString();
        settings["Fleet:Gateway:AgentPort"] = FreePort.Next().ToString();
        settings["Fleet:Gateway:ListenAddress"] = "127.0.0.1";
        var gateway = new GatewayProcess(settings, FleetProcess.Start(BuiltHost.GatewayDll, settings), tls);
        await gateway.WaitUntilReadyAsync();
        return gateway;
    }

    /// <summary>Stops the process gracefully and starts it again with the same settings (same data, same ports).</summary>
    public async Task RestartAsync()
    {
        await _process.StopAsync();
        await _process.DisposeAsync();
        _process = FleetProcess.Start(BuiltHost.GatewayDll, _settings);
        await WaitUntilReadyAsync();
    }

    /// <summary>Stops the process gracefully (SIGTERM) and leaves it stopped until <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync() => _process.StopAsync();

    /// <summary>kill -9 the process (no shutdown) and leave it stopped until <see cref="StartAgainAsync"/>.</summary>
    public void Kill() => _process.Kill();

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a stopped (or killed) gateway again with the same settings: same data, same ports.</summary>
    public async Task StartAgainAsync()
    {
        await _process.DisposeAsync();
        _process = FleetProcess.Start(BuiltHost.GatewayDll, _settings);
        await WaitUntilReadyAsync();
    }

    public HttpClient CreateClient(string? bearerKey = null)
    {
        var client = new HttpClient(CreateHandler()) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (bearerKey is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerKey);
        return client;
    }

    /// <summary>A handler for this gateway's ports: trusting the test CA when it serves TLS.</summary>
    public HttpMessageHandler CreateHandler() => _tls?.CreateHandler() ?? new SocketsHttpHandler();

    public HttpClient CreateOperatorClient() => CreateClient(OperatorKey);

    private Task WaitUntilReadyAsync() => _process.WaitUntilAnswersAsync(new Uri(BaseAddress, "/readyz").ToString(), TimeSpan.FromSeconds(90), _tls?.CreateHandler());

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
