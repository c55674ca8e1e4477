using System.Diagnostics;
using System.Threading.Channels;
using Fleet.Agent.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Fleet.Simulation;

/// <summary>
/// A simulated agent with the real agent's delivery rules (agent-grpc's AgentRunner), its on-disk queue kept in memory:
/// every report stays queued until acked; a stream that ends or fails is reopened after a jittered exponential backoff
/// (half the ceiling to the ceiling, ceiling doubling from 1 s, reset after a connect that got its PolicyUpdate); each
/// new stream sends Hello, then every unacked report in order, then new ones. Recovery is measured per fault: from the
/// moment a connected stream broke to the first ack after it (or to the reconnect, when nothing was waiting for one).
/// A ScanNow from the server queues the facts of the last report again (a scan finds what the last one did). The one
/// protocol-speaking agent of the simulation: demo mode, fleet-bench's load and the fault tests all drive it.
/// </summary>
/// <param name="sequenceFrom">The sequence before the first report: an agent that restarts with the same enrolment
/// (demo mode) starts above what the server already applied, which it would otherwise drop as resends.</param>
public sealed class ReconnectingSimAgent(SimAgent enrolled, TimeSpan maxBackoff, LoadCounters counters, RecoveryCounters recovery, long sequenceFrom = 0)
{
    private static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, Queued> _unacked = new();
    private readonly Channel<bool> _outbox = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Random _random = new(enrolled.Index);
    private long _sequence = sequenceFrom;
    private DeviceFacts _lastFacts = enrolled.Facts;
    private long _ackedUpTo;
    private long _writtenUpTo;
    private long _faultAt; // Stopwatch timestamp of the unrecovered fault, 0 when none
    private bool _everConnected;

    private sealed record Queued(Report Report, long FirstSentAt);

    public int Index => enrolled.Index;
    public string DeviceId => enrolled.DeviceId;
    public long LastSequence => Interlocked.Read(ref _sequence);
    public long AckedUpTo => Interlocked.Read(ref _ackedUpTo);

    public int Unacked
    {
        get { lock (_gate) return _unacked.Count; }
    }

    /// <summary>Queues the next report (flipping per <paramref name="mode"/>) and wakes the sender.</summary>
    public void Queue(FactsMode mode) => Queue(sequence => enrolled.FactsFor(mode, sequence));

    /// <summary>Queues a report of these facts (what a scan found now) and wakes the sender.</summary>
    public void Queue(DeviceFacts facts) => Queue(_ => facts);

    private void Queue(Func<long, DeviceFacts> factsFor)
    {
        lock (_gate)
        {
            var sequence = Interlocked.Increment(ref _sequence);
            _lastFacts = factsFor(sequence);
            var report = new Report { Sequence = sequence, CollectedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow), Facts = _lastFacts };
            _unacked[sequence] = new Queued(report, Stopwatch.GetTimestamp());
        }
        Interlocked.Increment(ref counters.ReportsSent);
        _outbox.Writer.TryWrite(true);
    }

    /// <summary>Keeps a stream open (reconnecting with backoff) until <paramref name="stop"/>; <paramref name="firstConnectAfter"/> staggers the start.</summary>
    public async Task RunAsync(TimeSpan firstConnectAfter, TimeSpan heartbeat, CancellationToken stop)
    {
        try
        {
            await Task.Delay(firstConnectAfter, stop);
            var attempt = 0;
            while (!stop.IsCancellationRequested)
            {
                var connected = await SessionAsync(heartbeat, stop);
                if (stop.IsCancellationRequested)
                    break;
                attempt = connected ? 0 : attempt + 1;
                await Task.Delay(Backoff(attempt), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)), maxBackoff.TotalMilliseconds);
        double jitter;
        lock (_gate)
            jitter = _random.NextDouble();
        return TimeSpan.FromMilliseconds(ceiling / 2 + jitter * ceiling / 2);
    }

    /// <summary>One stream; true when it got as far as the first PolicyUpdate.</summary>
    private async Task<bool> SessionAsync(TimeSpan heartbeat, CancellationToken stop)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var writeGate = new SemaphoreSlim(1, 1);
        var connected = false;
        Task sending = Task.CompletedTask;
        try
        {
            using var call = enrolled.Client.Connect(new Metadata { { "authorization", "Bearer " + enrolled.Token } }, cancellationToken: session.Token);

            async Task WriteAsync(AgentMessage message)
            {
                await writeGate.WaitAsync(session.Token);
                try
                {
                    await call.RequestStream.WriteAsync(message, session.Token);
                }
                finally
                {
                    writeGate.Release();
                }
            }

            await WriteAsync(new AgentMessage { Hello = new Hello { AgentVersion = enrolled.Facts.AgentVersion, PolicyVersion = 0 } });
            await foreach (var message in call.ResponseStream.ReadAllAsync(session.Token))
            {
                if (!connected && message.BodyCase == ServerMessage.BodyOneofCase.Policy)
                {
                    connected = true;
                    OnConnected();
                    sending = Task.WhenAll(SendQueuedAsync(WriteAsync, session.Token), HeartbeatAsync(WriteAsync, heartbeat, session.Token));
                }
                else if (message.BodyCase == ServerMessage.BodyOneofCase.Ack)
                {
                    OnAck(message.Ack.Sequence);
                }
                else if (message.BodyCase == ServerMessage.BodyOneofCase.ScanNow)
                {
                    Queue(_ => _lastFacts);
                }
            }
            recovery.StreamEnded("ended by server (OK)");
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // The run is over (a cancelled call ends as RpcException Cancelled or OperationCanceledException).
        }
        catch (RpcException e) when (!stop.IsCancellationRequested)
        {
            recovery.StreamEnded(e.StatusCode.ToString());
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            recovery.StreamEnded(e.GetType().Name);
        }
        finally
        {
            await session.CancelAsync();
            await sending.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        if (connected)
            Interlocked.Decrement(ref recovery.ConnectedNow);
        else if (!stop.IsCancellationRequested)
            Interlocked.Increment(ref recovery.Refused);
        if (!stop.IsCancellationRequested && _everConnected)
            OnFault();
        return connected;
    }

    private void OnConnected()
    {
        Interlocked.Increment(ref recovery.ConnectedNow);
        Interlocked.Increment(ref recovery.Sessions);
        Interlocked.Increment(ref counters.Connected);
        _everConnected = true;
        bool nothingWaiting;
        lock (_gate)
            nothingWaiting = _unacked.Count == 0;
        if (nothingWaiting)
            EndFault();
    }

    private void OnAck(long sequence)
    {
        var acked = new List<Queued>();
        lock (_gate)
        {
            // Like the real agent's queue: an ack covers its sequence and every older one (one stream applies in order).
            foreach (var key in _unacked.Keys.TakeWhile(k => k <= sequence).ToList())
            {
                acked.Add(_unacked[key]);
                _unacked.Remove(key);
            }
        }
        if (acked.Count == 0 || acked[^1].Report.Sequence != sequence)
            Interlocked.Increment(ref recovery.DuplicateAcks);
        if (acked.Count == 0)
            return;
        foreach (var queued in acked)
            counters.AckLatency.Add(Stopwatch.GetElapsedTime(queued.FirstSentAt).TotalMilliseconds);
        Interlocked.Add(ref counters.ReportsAcked, acked.Count);
        long current;
        while ((current = Interlocked.Read(ref _ackedUpTo)) < sequence && Interlocked.CompareExchange(ref _ackedUpTo, sequence, current) != current)
        {
        }
        EndFault();
    }

    private void OnFault()
    {
        if (Interlocked.CompareExchange(ref _faultAt, Stopwatch.GetTimestamp(), 0) == 0)
            Interlocked.Increment(ref recovery.DevicesDown);
    }

    private void EndFault()
    {
        var since = Interlocked.Exchange(ref _faultAt, 0);
        if (since == 0)
            return;
        Interlocked.Decrement(ref recovery.DevicesDown);
        recovery.Recovered(Index, Stopwatch.GetElapsedTime(since));
    }

    /// <summary>Every unacked report in order, then new ones as they are queued (the real agent's SendReportsAsync).</summary>
    private async Task SendQueuedAsync(Func<AgentMessage, Task> write, CancellationToken cancellationToken)
    {
        var writtenBefore = Interlocked.Read(ref _writtenUpTo);
        long sentUpTo = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            List<Report> due;
            lock (_gate)
                due = _unacked.Where(q => q.Key > sentUpTo).Select(q => q.Value.Report).ToList();
            foreach (var report in due)
            {
                await write(new AgentMessage { Report = report });
                sentUpTo = report.Sequence;
                if (report.Sequence <= writtenBefore)
                    Interlocked.Increment(ref recovery.Resent);
                long current;
                while ((current = Interlocked.Read(ref _writtenUpTo)) < report.Sequence && Interlocked.CompareExchange(ref _writtenUpTo, report.Sequence, current) != current)
                {
                }
            }
            await _outbox.Reader.ReadAsync(cancellationToken);
        }
    }

    private async Task HeartbeatAsync(Func<AgentMessage, Task> write, TimeSpan every, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await write(new AgentMessage { Heartbeat = new Heartbeat { SentAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) } });
            Interlocked.Increment(ref counters.Heartbeats);
        }
    }
}
