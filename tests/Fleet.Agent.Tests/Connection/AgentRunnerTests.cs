using Fleet.Agent.Configuration;
using Fleet.Agent.Connection;
using Fleet.Agent.Notifications;
using Fleet.Agent.Reporting;
using Fleet.Agent.Tests.Support;
using Fleet.Compliance.Facts;
using Wire = Fleet.Agent.V1;

namespace Fleet.Agent.Tests.Connection;

/// <summary>The run loop against an in-memory stream: hello, reports, acks, policy, reconnect and resend.</summary>
public sealed class AgentRunnerTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();
    private readonly FakeAgentServiceClient _client = new();
    private readonly FakeCommandRunner _commands = new();
    private readonly AgentStore _store;
    private readonly ReportQueue _queue;

    public AgentRunnerTests()
    {
        _store = new AgentStore(_folder.Path);
        _queue = new ReportQueue(_store.QueueDirectory, 100, new ListLogger<ReportQueue>());
    }

    private AgentRunner Runner(params string[] urls) => new(
        new AgentConfig { ServerUrls = urls.Length == 0 ? ["http://fleet.test"] : urls, DeviceId = "d1", Token = "secret-token" },
        _store,
        _queue,
        new ReportSequence(Path.Combine(_folder.Path, "sequence")),
        _ => Task.FromResult(new DeviceFacts { Platform = Platform.Linux, Hostname = "ann-laptop", DiskEncryption = Fact.On("luks") }),
        _ => _client,
        new DesktopNotifier(_commands, _store, Platform.Linux, new ListLogger<DesktopNotifier>()),
        new ReconnectBackoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), new Random(1)),
        TimeProvider.System,
        new AgentRunnerOptions { MinimumScanInterval = TimeSpan.Zero },
        _log);

    private readonly ListLogger<AgentRunner> _log = new();

    private async Task<FakeAgentServiceClient.FakeStream> NextStreamAsync()
    {
        try
        {
            return await _client.Streams.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("no stream; agent log: " + string.Join(" | ", _log.Entries.Select(e => e.Message)));
        }
    }

    [Fact]
    public async Task Connect_SendsBearerTokenAndHello_ThenTheFirstReport()
    {
        using var stop = new CancellationTokenSource();
        var running = Runner().RunAsync(stop.Token);

        var stream = await NextStreamAsync();
        var hello = await stream.NextAsync();
        var report = await stream.NextAsync();

        Assert.Equal("Bearer secret-token", stream.Headers.GetValue("authorization"));
        Assert.Equal(AgentVersion.Current, hello.Hello.AgentVersion);
        Assert.Equal(0, hello.Hello.PolicyVersion);
        Assert.Equal(1, report.Report.Sequence);
        Assert.Equal(Wire.FactState.On, report.Report.Facts.DiskEncryption.State);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task AfterReconnect_UnackedReportsAreResentInOrder_AndAckedOnesAreNot()
    {
        _queue.Enqueue(new Wire.Report { Sequence = 1 });
        _queue.Enqueue(new Wire.Report { Sequence = 2 });
        using var stop = new CancellationTokenSource();
        var running = Runner().RunAsync(stop.Token);

        var first = await NextStreamAsync();
        Assert.Equal(Wire.AgentMessage.BodyOneofCase.Hello, (await first.NextAsync()).BodyCase);
        var sent = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            sent.Add((await first.NextAsync()).Report.Sequence);
        }
        Assert.Equal([1L, 2L, 3L], sent);
        await first.ToAgent.Writer.WriteAsync(new Wire.ServerMessage { Ack = new Wire.ReportAck { Sequence = 2, Status = "PASS", Compliant = true } });
        await first.ToAgent.Writer.WriteAsync(new Wire.ServerMessage { Policy = new Wire.PolicyUpdate { PolicyVersion = 7, PolicyJson = "{}", ScanIntervalSeconds = 3600 } });
        first.Close();

        var second = await NextStreamAsync();
        var hello = await second.NextAsync();
        var resent = await second.NextAsync();

        Assert.Equal(7, hello.Hello.PolicyVersion);
        Assert.Equal(3, resent.Report.Sequence);
        Assert.Equal(7, _store.LoadPolicy()?.Version);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task ScanNow_ProducesANewReportWithTheNextSequence()
    {
        using var stop = new CancellationTokenSource();
        var running = Runner().RunAsync(stop.Token);
        var stream = await NextStreamAsync();
        await stream.NextAsync();
        Assert.Equal(1, (await stream.NextAsync()).Report.Sequence);

        await stream.ToAgent.Writer.WriteAsync(new Wire.ServerMessage { ScanNow = new Wire.ScanNow { Reason = "admin asked" } });

        Assert.Equal(2, (await stream.NextAsync()).Report.Sequence);
        await stop.CancelAsync();
        await running;
    }

    // Proves an upgrade notice pushed on the open stream (a raised minAgentVersion) shows a desktop notification with the link.
    [Fact]
    public async Task UpgradeRequired_OnTheOpenStream_ShowsADesktopNotificationWithTheDownloadLink()
    {
        using var stop = new CancellationTokenSource();
        var running = Runner().RunAsync(stop.Token);
        var stream = await NextStreamAsync();
        await stream.NextAsync();
        Assert.Equal(1, (await stream.NextAsync()).Report.Sequence);

        await stream.ToAgent.Writer.WriteAsync(new Wire.ServerMessage
        {
            UpgradeRequired = new Wire.UpgradeRequired { MinAgentVersion = "999.0.0", DownloadUrl = "https://fleet.test/downloads/" },
        });
        // Server messages are handled in order: once the scan it asks for next arrives, the notice was handled.
        await stream.ToAgent.Writer.WriteAsync(new Wire.ServerMessage { ScanNow = new Wire.ScanNow { Reason = "sync" } });
        Assert.Equal(2, (await stream.NextAsync()).Report.Sequence);

        string[] calls;
        lock (_commands.Calls)
        {
            calls = [.. _commands.Calls];
        }
        var notification = Assert.Single(calls, c => c.StartsWith("notify-send", StringComparison.Ordinal));
        Assert.Contains("999.0.0 or later is required", notification);
        Assert.Contains("https://fleet.test/downloads/", notification);
        await stop.CancelAsync();
        await running;
    }

    // Proves a pushed policy's minimum version and download address are kept on disk, where `fleet-agent status` reads them.
    [Fact]
    public async Task PolicyUpdate_KeepsTheMinimumVersionAndDownloadAddressForStatus()
    {
        using var stop = new CancellationTokenSource();
        var running = Runner().RunAsync(stop.Token);
        var stream = await NextStreamAsync();
        await stream.NextAsync();
        await stream.NextAsync();

        await stream.ToAgent.Writer.WriteAsync(new Wire.ServerMessage
        {
            Policy = new Wire.PolicyUpdate { PolicyVersion = 3, PolicyJson = "{}", MinAgentVersion = "2.0.0", DownloadUrl = "https://fleet.test/downloads/" },
        });
        await stream.ToAgent.Writer.WriteAsync(new Wire.ServerMessage { ScanNow = new Wire.ScanNow { Reason = "sync" } });
        await stream.NextAsync();

        var stored = _store.LoadPolicy();
        Assert.Equal(("2.0.0", "https://fleet.test/downloads/"), (stored?.MinAgentVersion, stored?.DownloadUrl));
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task FailingServer_FailsOverToTheNextUrl()
    {
        var failing = new ThrowingClient();
        var urls = new List<string>();
        var runner = new AgentRunner(
            new AgentConfig { ServerUrls = ["http://down.test", "http://up.test"], Token = "t" },
            _store, _queue, new ReportSequence(Path.Combine(_folder.Path, "sequence")),
            _ => Task.FromResult(new DeviceFacts()),
            url =>
            {
                lock (urls)
                {
                    urls.Add(url);
                }
                return url == "http://down.test" ? failing : _client;
            },
            new DesktopNotifier(new FakeCommandRunner(), _store, Platform.Linux, new ListLogger<DesktopNotifier>()),
            new ReconnectBackoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), new Random(1)),
            TimeProvider.System, new AgentRunnerOptions(), new ListLogger<AgentRunner>());
        using var stop = new CancellationTokenSource();
        var running = runner.RunAsync(stop.Token);

        var stream = await NextStreamAsync();
        await stream.NextAsync();

        lock (urls)
        {
            Assert.Equal(["http://down.test", "http://up.test"], urls.Take(2));
        }
        await stop.CancelAsync();
        await running;
    }

    private sealed class ThrowingClient : Wire.AgentService.AgentServiceClient
    {
        public override Grpc.Core.AsyncDuplexStreamingCall<Wire.AgentMessage, Wire.ServerMessage> Connect(Grpc.Core.Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default) =>
            throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "connection refused"));
    }

    public void Dispose() => _folder.Dispose();
}
