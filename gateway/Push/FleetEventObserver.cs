using System.Threading.Channels;
using Fleet.Contracts.Push;
using Fleet.Hosting.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace Fleet.Gateway.Push;

/// <summary>
/// This gateway's observer on the change feeds of the accounts it serves. Takes each batch into a bounded buffer
/// (the oldest batch is dropped when dashboards cannot keep up) and returns at once; <see cref="ForwardAsync"/>
/// sends the buffered events to the SignalR group of their account, a batch's many device changes as one message.
/// </summary>
public sealed partial class FleetEventObserver(
    IHubContext<FleetHub> hub, DashboardKeyConnections keyConnections, TimeProvider time, ILogger<FleetEventObserver> logger) : IFleetEventObserver
{
    private const int Capacity = 4_096;
    private readonly Channel<(string AccountId, IReadOnlyList<FleetEvent> Events)> buffer =
        Channel.CreateBounded<(string, IReadOnlyList<FleetEvent>)>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => LogDropped(logger, dropped.Item1, dropped.Item2.Count));

    public Task OnEvents(string accountId, IReadOnlyList<FleetEvent> events)
    {
        buffer.Writer.TryWrite((accountId, events));
        return Task.CompletedTask;
    }

    /// <summary>Runs for the gateway's lifetime (see <see cref="DashboardRenewalService"/>).</summary>
    public async Task ForwardAsync(CancellationToken cancellationToken)
    {
        await foreach (var (accountId, events) in buffer.Reader.ReadAllAsync(cancellationToken))
        {
            var group = hub.Clients.Group(FleetHub.Group(accountId));
            // Never cross accounts, whatever arrives.
            var own = events.Where(e => string.Equals(e.AccountId, accountId, StringComparison.Ordinal)).ToList();
            var deviceChanges = own.OfType<DeviceChangedEvent>().ToList();
            var together = deviceChanges.Count > PushMessages.MaxSeparateDeviceChanges;
            if (together)
            {
                try
                {
                    await group.SendAsync(PushMessages.DevicesChanged, PushMessages.ToMessage(deviceChanges), cancellationToken);
                    foreach (var e in deviceChanges)
                        FleetTelemetry.PushLatency.Record((time.GetUtcNow() - e.At).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    LogSendFailed(logger, ex, accountId);
                }
            }
            foreach (var e in own)
            {
                if (together && e is DeviceChangedEvent)
                    continue;
                try
                {
                    await (e switch
                    {
                        DeviceChangedEvent d => group.SendAsync(PushMessages.DeviceChanged, PushMessages.ToMessage(d), cancellationToken),
                        AgentConnectivityChangedEvent c => group.SendAsync(PushMessages.AgentConnectivityChanged, PushMessages.ToMessage(c), cancellationToken),
                        AlertChangedEvent a => group.SendAsync(a.Raised ? PushMessages.AlertRaised : PushMessages.AlertResolved, PushMessages.ToMessage(a.Alert), cancellationToken),
                        // Only the gateway holding the connection has it; elsewhere this is a no-op.
                        QueryResultChangedEvent q => hub.Clients.Client(q.ConnectionId).SendAsync(PushMessages.QueryResultChanged, PushMessages.ToMessage(q), cancellationToken),
                        ApiKeyRevokedEvent r => Task.FromResult(keyConnections.Abort(r.KeyId)),
                        _ => Task.CompletedTask,
                    });
                    if (e is DeviceChangedEvent)
                        FleetTelemetry.PushLatency.Record((time.GetUtcNow() - e.At).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    LogSendFailed(logger, ex, accountId);
                }
            }
        }
    }

    [LoggerMessage(EventId = 7311, Level = LogLevel.Warning, Message = "Dashboards of account {AccountId} fell behind; dropped a batch of {Count} events")]
    private static partial void LogDropped(ILogger logger, string accountId, int count);

    [LoggerMessage(EventId = 7312, Level = LogLevel.Warning, Message = "Could not push an event to the dashboards of account {AccountId}")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string accountId);
}
