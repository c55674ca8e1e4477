using System.Collections.Concurrent;
using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Infrastructure;
using Grpc.Core;

namespace Fleet.Gateway.Tests.Faults;

/// <summary>
/// A test agent with the real agent's delivery rules (agent-grpc/README.md): reports are kept until acked, every
/// stream starts with Hello and resends what is unacked in order, a broken stream is reopened by itself after a short
/// backoff. Each report flips the firewall fact, so every applied report is exactly one firewall transition in the
/// device's history: transitions = applied reports, which makes "lost" and "applied twice" both visible.
/// </summary>
public sealed class ReconnectingAgent : IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private readonly GatewayProcess _gateway;
    private readonly EnrolledAgent _enrolled;
    private readonly SortedDictionary<long, Report> _unacked = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Task _loop;
    private TaskCompletionSource _ackArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextSequence = 1;

    public ReconnectingAgent(GatewayProcess gateway, EnrolledAgent enrolled)
    {
        _gateway = gateway;
        _enrolled = enrolled;
        _loop = Task.Run(LoopAsync);
    }

    public string DeviceId => _enrolled.DeviceId;
    public long HighestAcked { get; private set; }
    public DateTimeOffset? LastAckAt { get; private set; }
    public int Connections { get; private set; }

    /// <summary>Status codes of the streams that ended with an error (e.g. UNAVAILABLE while a silo or storage was down).</summary>
    public IReadOnlyCollection<string> StreamErrors => _errors;

    public int Unacked
    {
        get
        {
            lock (_gate)
                return _unacked.Count;
        }
    }

    /// <summary>Queues the next report (firewall off for odd sequences, on for even: enrolled with it on, every report changes it) and returns its sequence.</summary>
    public long Queue()
    {
        lock (_gate)
        {
            var sequence = _nextSequence++;
            _unacked[sequence] = AgentClient.Report(sequence, _enrolled.Facts(firewall: sequence % 2 == 0));
            _wake.Release();
            return sequence;
        }
    }

    public long LastQueued
    {
        get
        {
            lock (_gate)
                return _nextSequence - 1;
        }
    }

    /// <summary>Waits until the server acked <paramref name="sequence"/> (or a later one).</summary>
    public async Task WaitForAckAsync(long sequence, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (HighestAcked < sequence)
        {
            Task arrived;
            lock (_gate)
                arrived = _ackArrived.Task;
            if (HighestAcked >= sequence)
                break;
            try { await arrived.WaitAsync(cancel.Token); }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Device {DeviceId}: report {sequence} not acked within {timeout} (acked up to {HighestAcked}; stream errors: {string.Join(", ", _errors)}).");
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> streams have ended with an error.</summary>
    public async Task WaitForStreamErrorsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_errors.Count < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Device {DeviceId}: {_errors.Count} stream errors, not {count}, within {timeout}.");
            await Task.Delay(100);
        }
    }

    private async Task LoopAsync()
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        using var client = new AgentClient(_gateway);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var session = await client.ConnectAsync(_enrolled.Token);
                Connections++;
                var reading = ReadAcksAsync(session);
                long sentUpTo = 0;
                while (!_stop.IsCancellationRequested && !reading.IsCompleted)
                {
                    Report[] toSend;
                    lock (_gate)
                        toSend = [.. _unacked.Values.Where(r => r.Sequence > sentUpTo)];
                    foreach (var report in toSend)
                    {
                        await session.SendReportAsync(report);
                        sentUpTo = report.Sequence;
                    }
                    // The delay bounds a wake-up lost to the previous session's pending wait.
                    await Task.WhenAny(_wake.WaitAsync(_stop.Token), reading, Task.Delay(200, _stop.Token));
                }
                if (_stop.IsCancellationRequested)
                    break; // leaving the block disposes the session, which cancels the call and ends the reader
                await reading;
                backoff = TimeSpan.FromMilliseconds(100);
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                _errors.Enqueue(e is RpcException rpc ? rpc.StatusCode.ToString() : e.GetType().Name);
            }
            catch (Exception) { }
            if (_stop.IsCancellationRequested)
                break;
            try { await Task.Delay(backoff, _stop.Token); }
            catch (OperationCanceledException) { break; }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    /// <summary>Reads acks until the stream ends; throws the stream's error so the loop reconnects.</summary>
    private async Task ReadAcksAsync(AgentSession session)
    {
        while (!_stop.IsCancellationRequested)
        {
            var message = await session.NextAsync(m => m.BodyCase == ServerMessage.BodyOneofCase.Ack, TimeSpan.FromMinutes(5));
            lock (_gate)
            {
                // One stream applies in order: an ack for N settles everything up to N.
                foreach (var sequence in _unacked.Keys.Where(s => s <= message.Ack.Sequence).ToList())
                    _unacked.Remove(sequence);
                HighestAcked = Math.Max(HighestAcked, message.Ack.Sequence);
                LastAckAt = DateTimeOffset.UtcNow;
                _ackArrived.TrySetResult();
                _ackArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _wake.Release();
        await _loop.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { });
        _stop.Dispose();
    }
}
