using System.Net;
using Fleet.Gateway.Hosting;
using Fleet.Hosting;
using Grpc.Core;
using Grpc.Net.Client;
using Wire = Fleet.Agent.V1;
using Fleet.Simulation;

namespace Fleet.Gateway.Demo;

/// <summary>
/// Demo mode: once the gateway is listening, sets up a demo account through the public API (policy, invites,
/// a little identity graph), enrols ~50 simulated agents over the real gRPC protocol on the gateway's own agent
/// port, keeps their streams open, and every few seconds breaks or fixes a check on one of them.
/// Prints the dashboard URL and the demo key. Registered only with <c>--demo</c>.
/// </summary>
public sealed partial class DemoService(
    DemoOptions options,
    GatewayOptions gateway,
    FleetOptions fleet,
    PublicUrls urls,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DemoService> logger) : BackgroundService
{
    public const string AccountName = "Acme (demo)";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private bool _enrolledAny;

    protected override async Task ExecuteAsync(CancellationToken hostStopping)
    {
        // In embedded mode the silo and Kestrel are up only after ApplicationStarted.
        if (!await WaitForStartAsync(hostStopping))
            return;
        // Stop at ApplicationStopping, before Kestrel drains: the simulated agents' streams are requests to this very
        // server, and Kestrel would otherwise wait for them until HostOptions.ShutdownTimeout.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
        var loopback = LoopbackHost(gateway.ListenAddress);
        using var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = new Uri($"http://{loopback}:{gateway.HttpPort}/"), Timeout = TimeSpan.FromSeconds(60) };
        using var channel = GrpcChannel.ForAddress($"http://{loopback}:{gateway.AgentPort}", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, KeepAlivePingDelay = TimeSpan.FromSeconds(30) },
        });
        var api = new DemoApi(http);
        var client = new Wire.AgentService.AgentServiceClient(channel);
        var devices = SimFacts.Company(options.Agents, options.Seed);

        DemoState state;
        try
        {
            state = await PrepareAsync(api, client, devices, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSetupFailed(logger, e);
            return;
        }

        // Strictly increasing across restarts without storing anything: the server ignores a sequence it already applied.
        var sequenceFrom = time.GetUtcNow().ToUnixTimeMilliseconds();
        var counters = new LoadCounters();
        var agents = devices.Where(d => state.Devices.ContainsKey(d.Index))
            .Select(d => new DemoAgent(d, new ReconnectingSimAgent(
                new SimAgent(d.Index, state.Devices[d.Index].DeviceId, state.Devices[d.Index].AgentToken, d.Facts.Clone(), client, counters),
                MaxBackoff, counters, new RecoveryCounters(), sequenceFrom)))
            .ToList();
        foreach (var agent in agents)
        {
            agent.Agent.Queue(agent.Device.Facts.Clone());
        }
        var running = agents.Select(a => Task.Run(() => a.Agent.RunAsync(TimeSpan.Zero, options.HeartbeatEvery, stoppingToken), stoppingToken)).ToList();
        Announce(state, agents.Count);
        running.Add(ChangeChecksAsync(agents, stoppingToken));
        if (_enrolledAny)
            running.Add(SeedGraphAsync(api, state, devices, stoppingToken));
        await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The demo account and its enrolled devices: reused from demo.json when still valid, otherwise created.</summary>
    private async Task<DemoState> PrepareAsync(DemoApi api, Wire.AgentService.AgentServiceClient client, IReadOnlyList<SimulatedDevice> devices, CancellationToken cancellationToken)
    {
        var path = DemoState.PathIn(fleet.ResolveDataDirectory());
        var state = DemoState.Load(path);
        if (state is null || !await api.KeyWorksAsync(state.ApiKey, state.AccountId, cancellationToken))
        {
            var (accountId, apiKey) = await api.CreateAccountAsync(ReadOperatorKey(), AccountName, cancellationToken);
            state = new DemoState(accountId, apiKey, []);
            await api.PutPolicyAsync(apiKey, DemoPolicy.Yaml, cancellationToken);
            state.Save(path);
            LogAccountCreated(logger, accountId);
        }

        var missing = devices.Where(d => !state.Devices.ContainsKey(d.Index)).ToList();
        foreach (var batch in missing.Chunk(25))
        {
            // One invite per laptop: an invite enrols one computer, so a person with two laptops gets two (in two batches).
            var firstOfEach = batch.GroupBy(d => d.OwnerEmail).Select(g => g.First()).ToList();
            var codes = await api.InviteAsync(state.ApiKey, firstOfEach.Select(d => d.OwnerEmail).ToList(), cancellationToken);
            foreach (var device in firstOfEach)
            {
                var enrolled = await client.EnrollAsync(new Wire.EnrollRequest { InviteCode = codes[device.OwnerEmail], Facts = device.Facts.Clone() }, cancellationToken: cancellationToken);
                state.Devices[device.Index] = new DemoEnrollment(enrolled.DeviceId, enrolled.AgentToken);
            }
            state.Save(path);
        }
        if (missing.Count > 0)
        {
            LogEnrolled(logger, missing.Count);
            _enrolledAny = true;
        }
        if (state.Devices.Count < devices.Count)
            return await PrepareAsync(api, client, devices, cancellationToken); // second laptops of people invited in the same batch
        return state;
    }

    private async Task SeedGraphAsync(DemoApi api, DemoState state, IReadOnlyList<SimulatedDevice> devices, CancellationToken cancellationToken)
    {
        var (identities, personLinks) = DemoGraph.Build(devices);
        try
        {
            if (!await api.UpsertGraphAsync(state.ApiKey, identities, cancellationToken))
            {
                LogNoGraphApi(logger);
                return;
            }
            // The Person entities appear once the enrolled devices' projections reach the graph partitions.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await api.UpsertGraphAsync(state.ApiKey, personLinks, cancellationToken);
                    LogGraphSeeded(logger);
                    return;
                }
                catch (InvalidOperationException) when (attempt < 30)
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), time, cancellationToken);
                }
            }
        }
        catch (InvalidOperationException e)
        {
            LogGraphFailed(logger, e);
        }
    }

    private async Task ChangeChecksAsync(IReadOnlyList<DemoAgent> agents, CancellationToken stoppingToken)
    {
        if (options.ChangeEvery <= TimeSpan.Zero || agents.Count == 0)
            return;
        var random = new Random(options.Seed);
        using var timer = new PeriodicTimer(options.ChangeEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var agent = agents[random.Next(agents.Count)];
                var change = SimFacts.Toggle(agent.Device, random);
                agent.Agent.Queue(agent.Device.Facts.Clone());
                LogChanged(logger, agent.Device.Facts.Hostname, change);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>A demo laptop (its facts change as people break and fix things) and the agent reporting them.</summary>
    private sealed record DemoAgent(SimulatedDevice Device, ReconnectingSimAgent Agent);

    private void Announce(DemoState state, int agents)
    {
        // Printed on purpose, to the console and not as a log event: the demo key is how a newcomer signs in, so it
        // comes last, after the start-up banner, where it is seen (docs/dashboard.md).
        Console.WriteLine();
        Console.WriteLine($"Fleet demo: {agents} simulated agents; a device breaks or fixes a check every {options.ChangeEvery.TotalSeconds:0.#} s");
        Console.WriteLine($"  (the demo account key is kept in {DemoState.PathIn(fleet.ResolveDataDirectory())})");
        Console.WriteLine($"  Open {urls.Web} and sign in with the demo account key:");
        Console.WriteLine();
        Console.WriteLine($"  {state.ApiKey}");
        Console.WriteLine();
    }

    /// <summary>The operator key as configured, or as generated into the data folder in embedded mode (Security/OperatorKey).</summary>
    private string ReadOperatorKey() =>
        !string.IsNullOrWhiteSpace(fleet.OperatorKey)
            ? fleet.OperatorKey
            : File.ReadAllText(Path.Combine(fleet.ResolveDataDirectory(), "operator.key")).Trim();

    private static string LoopbackHost(string listenAddress) => listenAddress switch
    {
        "localhost" or "*" or "0.0.0.0" => "127.0.0.1",
        var address when IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 => $"[{address}]",
        var address => address,
    };

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Demo: created the demo account {AccountId} with the demo policy")]
    private static partial void LogAccountCreated(ILogger logger, string accountId);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Demo: enrolled {Count} simulated devices through invites")]
    private static partial void LogEnrolled(ILogger logger, int count);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Demo: seeded users and applications through the graph API")]
    private static partial void LogGraphSeeded(ILogger logger);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Information, Message = "Demo: this gateway has no graph API; skipped seeding users and applications")]
    private static partial void LogNoGraphApi(ILogger logger);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Warning, Message = "Demo: seeding the graph failed; the demo goes on without users and applications")]
    private static partial void LogGraphFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Error, Message = "Demo: setting up the demo failed; the gateway keeps running without simulated agents")]
    private static partial void LogSetupFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9007, Level = LogLevel.Information, Message = "Demo: {Hostname} {Change}")]
    private static partial void LogChanged(ILogger logger, string hostname, string change);
}
