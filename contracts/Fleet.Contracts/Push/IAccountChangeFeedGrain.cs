namespace Fleet.Contracts.Push;

/// <summary>
/// The change feed of one account, keyed by the account id (docs/push-and-alerts.md). Collects events for a few
/// milliseconds and fans each batch out to every registered gateway observer, and hands device changes to
/// the account's standing queries and alert rules. Holds nothing durable: observers re-register periodically.
/// </summary>
public interface IAccountChangeFeedGrain : IGrainWithStringKey
{
    /// <summary>Queues one event for the next batch. One-way: the caller (a device grain) never waits.</summary>
    [OneWay]
    Task Publish(FleetEvent @event);

    /// <summary>
    /// Registers (or renews) the observer of one gateway until <c>PushOptions.ObserverExpiry</c> passes without
    /// another call. Gateways call it when the first dashboard of the account connects, and periodically after.
    /// </summary>
    Task Subscribe(string gatewayId, IFleetEventObserver observer);

    /// <summary>The gateway has no dashboards of this account any more.</summary>
    Task Unsubscribe(string gatewayId);
}
