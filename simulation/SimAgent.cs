using System.Collections.Concurrent;
using System.Diagnostics;
using Fleet.Agent.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Fleet.Simulation;

/// <summary>
/// One simulated agent holding one Connect stream: Hello, then reports and heartbeats; acks are matched to their send
/// time for the ack latency. Writes are serialized (one writer per gRPC stream), reads run in a background loop.
/// </summary>
public sealed class SimAgent(int index, string deviceId, string token, DeviceFacts facts, AgentService.AgentServiceClient client, LoadCounters counters)
    : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, long> _sentAt = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _acks = new(0);
    private readonly TaskCompletionSource _policy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AsyncDuplexStreamingCall<AgentMessage, ServerMessage>? _call;
    private Task _reading = Task.CompletedTask;
    private long _sequence;
    private volatile bool _closing;

    public int Index { get; } = index;
    public string DeviceId { get; } = deviceId;
    /// <summary>The agent token and client it was enrolled with (a <see cref="ReconnectingSimAgent"/> reuses them).</summary>
    public string Token => token;
    public AgentService.AgentServiceClient Client => client;
    public DeviceFacts Facts { get; } = facts;
    /// <summary>Facts for the report after <paramref name="sequence"/> in a mode (alternating, so each report differs from the last).</summary>
    public DeviceFacts FactsFor(FactsMode mode, long sequence) => mode switch
    {
        FactsMode.Changed => SimFacts.WithScreenIdle(Facts, sequence % 2 == 1 ? 301 : 300),
        FactsMode.Flip => SimFacts.WithFirewall(Facts, sequence % 2 == 1 ? Facts.Firewall.State != FactState.On : Facts.Firewall.State == FactState.On),
        _ => Facts,
    };

    public long LastSequence => Interlocked.Read(ref _sequence);

    /// <summary>Completes when Hello was answered; fails when connecting failed.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Opens the stream, sends Hello and waits for the first PolicyUpdate.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            _call = client.Connect(new Metadata { { "authorization", "Bearer " + token } }, cancellationToken: cancellationToken);
            _reading = ReadAsync(_call);
            await WriteAsync(new AgentMessage { Hello = new Hello { AgentVersion = "0.1.0", PolicyVersion = 0 } });
            await _policy.Task.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
        }
        catch (Exception e)
        {
            _connected.TrySetException(e);
            throw;
        }
        Interlocked.Increment(ref counters.Connected);
        _connected.TrySetResult();
    }

    /// <summary>Sends the next report; returns its sequence.</summary>
    public async Task<long> SendReportAsync(FactsMode mode)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var report = new Report { Sequence = sequence, CollectedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow), Facts = FactsFor(mode, sequence) };
        _sentAt[sequence] = Stopwatch.GetTimestamp();
        await WriteAsync(new AgentMessage { Report = report });
        Interlocked.Increment(ref counters.ReportsSent);
        return sequence;
    }

    /// <summary>Waits for the next ack (closed-loop load: one report in flight per agent).</summary>
    public Task WaitForAckAsync(CancellationToken cancellationToken) => _acks.WaitAsync(cancellationToken);

    /// <summary>Forgets acks that arrived after the last closed loop stopped waiting, so the next one starts with one report in flight.</summary>
    public void ForgetAcks()
    {
        while (_acks.Wait(0)) { }
    }

    public async Task HeartbeatAsync()
    {
        await WriteAsync(new AgentMessage { Heartbeat = new Heartbeat { SentAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) } });
        Interlocked.Increment(ref counters.Heartbeats);
    }

    private async Task WriteAsync(AgentMessage message)
    {
        await _writeGate.WaitAsync();
        try
        {
            await _call!.RequestStream.WriteAsync(message);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task ReadAsync(AsyncDuplexStreamingCall<AgentMessage, ServerMessage> call)
    {
        try
        {
            await foreach (var message in call.ResponseStream.ReadAllAsync())
            {
                switch (message.BodyCase)
                {
                    case ServerMessage.BodyOneofCase.Policy:
                        _policy.TrySetResult();
                        break;
                    case ServerMessage.BodyOneofCase.Ack:
                        if (_sentAt.TryRemove(message.Ack.Sequence, out var sent))
                            counters.AckLatency.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                        Interlocked.Increment(ref counters.ReportsAcked);
                        _acks.Release();
                        break;
                }
            }
            if (!_closing)
                counters.Error("stream ended by server (OK)");
        }
        catch (RpcException e) when (!_closing)
        {
            counters.Error(e.StatusCode.ToString());
        }
        catch (Exception) when (_closing)
        {
        }
        catch (Exception e)
        {
            counters.Error(e.GetType().Name);
        }
        _policy.TrySetException(new InvalidOperationException($"agent {Index}: the stream ended before the first PolicyUpdate"));
    }

    /// <summary>Cuts the stream (the benchmark is over).</summary>
    public async ValueTask DisposeAsync()
    {
        _closing = true;
        _call?.Dispose();
        await _reading.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
