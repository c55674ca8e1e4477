using System.Threading.Channels;
using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fleet.Gateway.Tests.Agents;

/// <summary>A test agent speaking real gRPC over loopback to a gateway process's agent port.</summary>
public sealed class AgentClient : IDisposable
{
    private readonly GrpcChannel _channel;

    public AgentClient(GatewayProcess gateway)
    {
        AppContext.SetSwitch("System.Net.Http.SocketsHttpHandler.Http2UnencryptedSupport", true);
        _channel = GrpcChannel.ForAddress(gateway.AgentAddress, new GrpcChannelOptions { HttpHandler = gateway.CreateHandler() });
        Service = new AgentService.AgentServiceClient(_channel);
    }

    public AgentService.AgentServiceClient Service { get; }

    public Task<EnrollResponse> EnrollAsync(string code, DeviceFacts facts) =>
        Service.EnrollAsync(new EnrollRequest { InviteCode = code, Facts = facts }, deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync;

    /// <summary>Opens the stream with the token and sends Hello.</summary>
    public async Task<AgentSession> ConnectAsync(string token, string agentVersion = "1.0.0", long policyVersion = 0)
    {
        var session = Open(token);
        await session.SendAsync(new AgentMessage { Hello = new Hello { AgentVersion = agentVersion, PolicyVersion = policyVersion } });
        return session;
    }

    /// <summary>Opens the stream without sending anything.</summary>
    public AgentSession Open(string token)
    {
        var headers = new Metadata { { "authorization", "Bearer " + token } };
        return new AgentSession(Service.Connect(headers, deadline: DateTime.UtcNow.AddMinutes(5)));
    }

    public void Dispose() => _channel.Dispose();

    public static DeviceFacts Facts(string machineId, string hostname = "ann-laptop", bool firewall = true) => new()
    {
        Platform = "linux",
        Distro = "ubuntu",
        OsName = "Ubuntu",
        OsVersion = "24.04",
        Hostname = hostname,
        MachineId = machineId,
        AgentVersion = "1.0.0",
        DiskEncryption = new Fact { State = FactState.On, Reason = "LUKS on /" },
        Firewall = new Fact { State = firewall ? FactState.On : FactState.Off, Reason = "ufw" },
        ScreenLock = new Fact { State = FactState.On },
        ScreenIdleSeconds = new NumericFact { State = FactState.On, Value = 300 },
        RemoteLogin = new Fact { State = FactState.Off },
        AutomaticUpdates = new Fact { State = FactState.On },
        ApplicationsKnown = true,
        Applications = { new InstalledApplication { Name = "Firefox", Version = "128.0" } },
    };

    public static Report Report(long sequence, DeviceFacts facts) =>
        new() { Sequence = sequence, CollectedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow), Facts = facts };
}

/// <summary>One Connect stream; a background reader collects what the server sends, so tests await messages, never sleep.</summary>
public sealed class AgentSession : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly AsyncDuplexStreamingCall<AgentMessage, ServerMessage> _call;
    private readonly Channel<ServerMessage> _received = Channel.CreateUnbounded<ServerMessage>();
    private readonly Task _reading;

    public AgentSession(AsyncDuplexStreamingCall<AgentMessage, ServerMessage> call)
    {
        _call = call;
        _reading = ReadAsync();
    }

    public Task SendAsync(AgentMessage message) => _call.RequestStream.WriteAsync(message);

    public Task SendReportAsync(Report report) => SendAsync(new AgentMessage { Report = report });

    /// <summary>The next message the server sent, skipping those that do not match.</summary>
    public async Task<ServerMessage> NextAsync(Func<ServerMessage, bool> match, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Timeout);
        try
        {
            while (true)
            {
                var message = await _received.Reader.ReadAsync(cancel.Token);
                if (match(message))
                    return message;
            }
        }
        catch (ChannelClosedException e) when (e.InnerException is RpcException rpc)
        {
            throw rpc;
        }
    }

    public Task<ServerMessage> NextAsync(ServerMessage.BodyOneofCase kind) => NextAsync(m => m.BodyCase == kind);

    public async Task<ReportAck> AckAsync(long sequence) => (await NextAsync(m => m.Ack?.Sequence == sequence)).Ack;

    /// <summary>The status the server ended the stream with (waits for the end).</summary>
    public async Task<Status> EndAsync()
    {
        try
        {
            while (await _received.Reader.WaitToReadAsync(new CancellationTokenSource(Timeout).Token))
                _received.Reader.TryRead(out _);
            return _call.GetStatus();
        }
        catch (RpcException e)
        {
            return e.Status;
        }
    }

    public async Task CompleteAsync() => await _call.RequestStream.CompleteAsync();

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var message in _call.ResponseStream.ReadAllAsync())
                await _received.Writer.WriteAsync(message);
            _received.Writer.TryComplete();
        }
        catch (RpcException e)
        {
            _received.Writer.TryComplete(e);
        }
        catch (Exception e)
        {
            _received.Writer.TryComplete(e);
        }
    }

    /// <summary>Cuts the stream from the client side, like a laptop losing its network.</summary>
    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        return ValueTask.CompletedTask;
    }
}
