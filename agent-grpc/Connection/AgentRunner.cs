using System.Threading.Channels;
using Fleet.Agent.Configuration;
using Fleet.Agent.Notifications;
using Fleet.Agent.Protocol;
using Fleet.Agent.Reporting;
using Fleet.Compliance.Facts;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Wire = Fleet.Agent.V1;

namespace Fleet.Agent.Connection;

/// <summary>
/// The background loop. Scans on the server's interval and on ScanNow, queues every report on disk,
/// and keeps one stream to a server open: Hello, then every unacknowledged report in order, then new
/// ones as they come, with heartbeats in between. On any failure it reconnects with jittered
/// exponential backoff, moving to the next server URL while the current one keeps failing.
/// </summary>
public sealed partial class AgentRunner(
    AgentConfig config,
    AgentStore store,
    ReportQueue queue,
    ReportSequence sequence,
    Func<CancellationToken, Task<DeviceFacts>> scan,
    Func<string, Wire.AgentService.AgentServiceClient> clientFor,
    DesktopNotifier notifier,
    ReconnectBackoff backoff,
    TimeProvider time,
    AgentRunnerOptions options,
    ILogger<AgentRunner> logger)
{
    private readonly Channel<string> _scanRequests = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<bool> _outbox = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private PolicySnapshot? _policy;

    /// <summary>Raised after each report is queued (tests await it instead of sleeping).</summary>
    public event Action<long>? ReportQueued;

    /// <summary>Raised after an ack removed reports from the queue.</summary>
    public event Action<long>? ReportAcknowledged;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _policy = store.LoadPolicy();
        _scanRequests.Writer.TryWrite("start");
        var scanning = ScanLoopAsync(cancellationToken);
        var connecting = ConnectLoopAsync(cancellationToken);
        try
        {
            await Task.WhenAll(scanning, connecting).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
    }

    private async Task ScanLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await WaitForScanAsync(cancellationToken).ConfigureAwait(false);
            _scanRequests.Reader.TryRead(out _);
            try
            {
                var facts = await scan(cancellationToken).ConfigureAwait(false);
                var report = new Wire.Report
                {
                    Sequence = sequence.Next(queue.HighestQueued()),
                    CollectedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
                    Facts = FactsMapper.ToWire(facts),
                };
                queue.Enqueue(report);
                LogScanned(logger, report.Sequence);
                ReportQueued?.Invoke(report.Sequence);
                _outbox.Writer.TryWrite(true);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogScanFailed(logger, e.Message);
            }
            await Task.Delay(options.MinimumScanInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitForScanAsync(CancellationToken cancellationToken)
    {
        var interval = _policy is { ScanIntervalSeconds: > 0 } p ? TimeSpan.FromSeconds(p.ScanIntervalSeconds) : options.DefaultScanInterval;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var requested = _scanRequests.Reader.WaitToReadAsync(wait.Token).AsTask();
        var due = Task.Delay(interval, time, wait.Token);
        await Task.WhenAny(requested, due).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task ConnectLoopAsync(CancellationToken cancellationToken)
    {
        var attempt = 0;
        var server = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var url = config.ServerUrls[server % config.ServerUrls.Count];
            var connected = false;
            try
            {
                await SessionAsync(url, () => connected = true, cancellationToken).ConfigureAwait(false);
                LogStreamClosed(logger, url);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
                LogTokenRejected(logger, url, e.StatusCode);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogConnectionFailed(logger, url, e.GetType().Name, e.Message);
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (connected)
            {
                attempt = 0;
            }
            else
            {
                attempt++;
                server++;
            }
            var delay = backoff.Delay(attempt);
            LogReconnecting(logger, delay.TotalSeconds);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SessionAsync(string url, Action onConnected, CancellationToken cancellationToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var headers = new Metadata { { "authorization", "Bearer " + config.Token } };
        using var call = clientFor(url).Connect(headers, cancellationToken: session.Token);
        using var writeGate = new SemaphoreSlim(1);

        async Task SendAsync(Wire.AgentMessage message)
        {
            await writeGate.WaitAsync(session.Token).ConfigureAwait(false);
            try
            {
                await call.RequestStream.WriteAsync(message, session.Token).ConfigureAwait(false);
            }
            finally
            {
                writeGate.Release();
            }
        }

        await SendAsync(new Wire.AgentMessage { Hello = new Wire.Hello { AgentVersion = AgentVersion.Current, PolicyVersion = _policy?.Version ?? 0 } }).ConfigureAwait(false);
        LogConnected(logger, url);

        var sending = SendReportsAsync(SendAsync, session.Token);
        var beating = HeartbeatAsync(SendAsync, session.Token);
        try
        {
            var first = true;
            await foreach (var message in call.ResponseStream.ReadAllAsync(session.Token).ConfigureAwait(false))
            {
                if (first)
                {
                    first = false;
                    onConnected();
                }
                await HandleAsync(message, session.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(sending, beating).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>Sends every queued report once per session, oldest first; a reconnect starts again from the oldest unacked.</summary>
    private async Task SendReportsAsync(Func<Wire.AgentMessage, Task> send, CancellationToken cancellationToken)
    {
        long sentUpTo = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var report in queue.Pending().Where(r => r.Sequence > sentUpTo))
            {
                await send(new Wire.AgentMessage { Report = report }).ConfigureAwait(false);
                sentUpTo = report.Sequence;
            }
            await _outbox.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task HeartbeatAsync(Func<Wire.AgentMessage, Task> send, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // A third of the server's offline threshold, so two lost heartbeats do not mark the device offline.
            var interval = _policy is { OfflineAfterSeconds: > 0 } p ? TimeSpan.FromSeconds(Math.Max(5, p.OfflineAfterSeconds / 3)) : options.DefaultHeartbeatInterval;
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            await send(new Wire.AgentMessage { Heartbeat = new Wire.Heartbeat { SentAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()) } }).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(Wire.ServerMessage message, CancellationToken cancellationToken)
    {
        switch (message.BodyCase)
        {
            case Wire.ServerMessage.BodyOneofCase.Policy:
                _policy = new PolicySnapshot
                {
                    Version = message.Policy.PolicyVersion,
                    PolicyJson = message.Policy.PolicyJson,
                    ScanIntervalSeconds = message.Policy.ScanIntervalSeconds,
                    MinAgentVersion = message.Policy.MinAgentVersion,
                    DownloadUrl = message.Policy.DownloadUrl,
                    OfflineAfterSeconds = message.Policy.OfflineAfterSeconds,
                    ReceivedAt = time.GetUtcNow(),
                };
                store.SavePolicy(_policy);
                LogPolicy(logger, _policy.Version, _policy.ScanIntervalSeconds);
                break;
            case Wire.ServerMessage.BodyOneofCase.Ack:
                queue.Acknowledge(message.Ack.Sequence);
                LogAcknowledged(logger, message.Ack.Sequence, message.Ack.Status);
                ReportAcknowledged?.Invoke(message.Ack.Sequence);
                await NotifyComplianceAsync(message.Ack, cancellationToken).ConfigureAwait(false);
                break;
            case Wire.ServerMessage.BodyOneofCase.ScanNow:
                LogScanNow(logger, message.ScanNow.Reason);
                _scanRequests.Writer.TryWrite("scan-now");
                break;
            case Wire.ServerMessage.BodyOneofCase.UpgradeRequired:
                LogUpgradeRequired(logger, message.UpgradeRequired.MinAgentVersion);
                await notifier.NotifyOnceAsync(
                    "upgrade:" + message.UpgradeRequired.MinAgentVersion,
                    "Fleet agent needs an update",
                    $"Version {message.UpgradeRequired.MinAgentVersion} or later is required (this is {AgentVersion.Current}). {message.UpgradeRequired.DownloadUrl}".Trim(),
                    cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task NotifyComplianceAsync(Wire.ReportAck ack, CancellationToken cancellationToken)
    {
        if (ack.Compliant)
        {
            // Remember the good state, so the next failure notifies even if it repeats an older one.
            notifier.Reset("compliant");
            return;
        }
        var failing = ack.Results.Where(r => !r.Waived && r.Status is "FAIL" or "UNKNOWN").ToList();
        var key = ack.Status + ":" + string.Join(',', failing.Select(r => r.CheckId).Order(StringComparer.Ordinal));
        var first = failing.FirstOrDefault();
        var body = first is null ? "Run `fleet-agent status` for details." : $"{first.CheckId}: {first.Detail}. Run `fleet-agent status` for how to fix it.";
        await notifier.NotifyOnceAsync(key, "This device is not compliant", body, cancellationToken).ConfigureAwait(false);
    }
}
