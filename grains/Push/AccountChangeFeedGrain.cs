using Fleet.Contracts.Alerts;
using Fleet.Contracts.Push;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Fleet.Grains.Push;

/// <summary>
/// Batches an account's events for <see cref="PushOptions.BatchWindow"/> and fans each batch out to every gateway
/// observer of the account, in order (<see cref="GatewayDelivery"/>), and one-way to the account's standing queries and
/// alert rules (docs/push-and-alerts.md).
/// Nothing is stored: observers live in memory and are renewed by their gateways.
/// </summary>
public sealed partial class AccountChangeFeedGrain(
    IOptions<PushOptions> options,
    ILogger<AccountChangeFeedGrain> logger) : Grain, IAccountChangeFeedGrain
{
    private readonly PushOptions options = options.Value;
    private readonly ObserverManager<string, IFleetEventObserver> observers = new(options.Value.ObserverExpiry, logger);
    private readonly Dictionary<string, GatewayDelivery> deliveries = new(StringComparer.Ordinal);
    private List<FleetEvent> pending = [];
    private IGrainTimer? flushTimer;
    private long dropped;

    private string AccountId => this.GetPrimaryKeyString();

    public Task Publish(FleetEvent @event)
    {
        if (!string.Equals(@event.AccountId, AccountId, StringComparison.Ordinal))
        {
            // A feed only ever carries its own account's events.
            LogForeignEvent(logger, AccountId, @event.AccountId);
            return Task.CompletedTask;
        }
        if (pending.Count >= options.MaxPendingEvents)
        {
            pending.RemoveAt(0);
            if (dropped++ % 1_000 == 0)
                LogDropped(logger, AccountId, dropped);
        }
        pending.Add(@event);
        if (pending.Count >= options.MaxBatchSize)
            Flush();
        else
            flushTimer ??= this.RegisterGrainTimer(FlushOnTimer, options.BatchWindow, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public Task Subscribe(string gatewayId, IFleetEventObserver observer)
    {
        observers.Subscribe(gatewayId, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(string gatewayId)
    {
        observers.Unsubscribe(gatewayId);
        deliveries.Remove(gatewayId);
        return Task.CompletedTask;
    }

    private Task FlushOnTimer()
    {
        Flush();
        return Task.CompletedTask;
    }

    private void Flush()
    {
        flushTimer?.Dispose();
        flushTimer = null;
        if (pending.Count == 0)
            return;
        // Orleans does not promise message order, so a batch goes out in the order things happened (stable for ties).
        var batch = pending.OrderBy(e => e.At).ToList();
        pending = [];

        var pushed = batch.Where(ChangeTouches.IsPushed).ToList();
        if (observers.Count > 0 && pushed.Count > 0)
            DeliverToGateways(pushed);

        var changes = batch.Where(ChangeTouches.IsGraphChange).ToList();
        if (changes.Count > 0)
        {
            GrainFactory.GetGrain<IStandingQueriesGrain>(AccountId).OnChanges(changes).Ignore();
            GrainFactory.GetGrain<IAlertRulesGrain>(AccountId).OnChanges(changes).Ignore();
        }
    }

    /// <summary>Hands the batch to each subscribed gateway's <see cref="GatewayDelivery"/>, which keeps it in order.</summary>
    private void DeliverToGateways(List<FleetEvent> pushed)
    {
        observers.ClearExpired();
        var subscribed = observers.Observers;
        foreach (var gone in deliveries.Keys.Where(id => !subscribed.ContainsKey(id)).ToList())
            deliveries.Remove(gone);
        foreach (var (gatewayId, observer) in subscribed)
        {
            if (!deliveries.TryGetValue(gatewayId, out var delivery))
            {
                delivery = new GatewayDelivery(AccountId, options.MaxPendingEvents, e => LogDeliveryFailed(logger, e, AccountId, gatewayId));
                deliveries[gatewayId] = delivery;
            }
            var droppedBefore = delivery.Dropped;
            delivery.Send(observer, pushed);
            if (delivery.Dropped != droppedBefore)
                LogGatewayBehind(logger, AccountId, gatewayId, delivery.Dropped);
        }
    }

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Change feed of {AccountId} could not deliver a batch to gateway {GatewayId}")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string accountId, string gatewayId);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Gateway {GatewayId} fell behind the change feed of {AccountId}; dropped its oldest events ({Dropped} so far)")]
    private static partial void LogGatewayBehind(ILogger logger, string accountId, string gatewayId, long dropped);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Change feed of {AccountId} refused an event of account {OtherAccountId}")]
    private static partial void LogForeignEvent(ILogger logger, string accountId, string otherAccountId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Change feed of {AccountId} is full; dropped the oldest events ({Dropped} so far)")]
    private static partial void LogDropped(ILogger logger, string accountId, long dropped);
}
