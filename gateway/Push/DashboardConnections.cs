using System.Collections.Concurrent;
using Fleet.Contracts.Push;

namespace Fleet.Gateway.Push;

/// <summary>
/// Which accounts this gateway serves dashboards for, and their standing queries. The first dashboard of an account
/// registers this gateway's observer on the account's change feed (awaited, so events flow before the connection is
/// ready); <see cref="DashboardRenewalService"/> renews the registrations and keeps the standing queries alive.
/// </summary>
public sealed partial class DashboardConnections(IGrainFactory grains, FleetEventObserver observer, ILogger<DashboardConnections> logger)
{
    private readonly ConcurrentDictionary<string, AccountDashboards> accounts = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private IFleetEventObserver? reference;

    /// <summary>This gateway process, as the change feeds know it.</summary>
    public string GatewayId { get; } = "gw_" + Guid.NewGuid().ToString("N");

    private IFleetEventObserver Reference
    {
        get
        {
            lock (gate)
                return reference ??= grains.CreateObjectReference<IFleetEventObserver>(observer);
        }
    }

    public async Task ConnectedAsync(string accountId, string connectionId)
    {
        var account = accounts.GetOrAdd(accountId, _ => new AccountDashboards());
        bool first;
        lock (account)
        {
            first = account.Connections.Count == 0;
            account.Connections.Add(connectionId);
        }
        if (first)
            await grains.GetGrain<IAccountChangeFeedGrain>(accountId).Subscribe(GatewayId, Reference);
    }

    public async Task DisconnectedAsync(string accountId, string connectionId)
    {
        if (!accounts.TryGetValue(accountId, out var account))
            return;
        bool last, hadSubscriptions;
        lock (account)
        {
            account.Connections.Remove(connectionId);
            hadSubscriptions = account.Subscriptions.Values.Any(s => s.ConnectionId == connectionId);
            foreach (var id in account.Subscriptions.Values.Where(s => s.ConnectionId == connectionId).Select(s => s.SubscriptionId).ToList())
                account.Subscriptions.Remove(id);
            last = account.Connections.Count == 0;
        }
        try
        {
            if (hadSubscriptions)
                await grains.GetGrain<IStandingQueriesGrain>(accountId).UnsubscribeConnection(connectionId);
            if (last)
                await grains.GetGrain<IAccountChangeFeedGrain>(accountId).Unsubscribe(GatewayId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The registration expires on its own; nothing is lost by failing here.
            LogCleanupFailed(logger, e, accountId);
        }
    }

    public void AddSubscription(string accountId, StandingQuerySubscription subscription)
    {
        var account = accounts.GetOrAdd(accountId, _ => new AccountDashboards());
        lock (account)
            account.Subscriptions[subscription.SubscriptionId] = subscription;
    }

    /// <summary>The standing queries this connection holds (bounded by the standingQueriesPerConnection limit).</summary>
    public int SubscriptionCount(string accountId, string connectionId)
    {
        if (!accounts.TryGetValue(accountId, out var account))
            return 0;
        lock (account)
            return account.Subscriptions.Values.Count(s => s.ConnectionId == connectionId);
    }

    public bool RemoveSubscription(string accountId, string connectionId, string subscriptionId)
    {
        if (!accounts.TryGetValue(accountId, out var account))
            return false;
        lock (account)
        {
            return account.Subscriptions.TryGetValue(subscriptionId, out var s) && s.ConnectionId == connectionId
                && account.Subscriptions.Remove(subscriptionId);
        }
    }

    /// <summary>Renews every registration of this gateway (called periodically).</summary>
    public async Task RenewAsync()
    {
        foreach (var (accountId, account) in accounts)
        {
            StandingQuerySubscription[] subscriptions;
            bool connected;
            lock (account)
            {
                connected = account.Connections.Count > 0;
                subscriptions = [.. account.Subscriptions.Values];
            }
            if (!connected)
            {
                accounts.TryRemove(new KeyValuePair<string, AccountDashboards>(accountId, account));
                continue;
            }
            try
            {
                await grains.GetGrain<IAccountChangeFeedGrain>(accountId).Subscribe(GatewayId, Reference);
                if (subscriptions.Length > 0)
                    await grains.GetGrain<IStandingQueriesGrain>(accountId).KeepAlive(GatewayId, subscriptions);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogRenewFailed(logger, e, accountId);
            }
        }
    }

    private sealed class AccountDashboards
    {
        public HashSet<string> Connections { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, StandingQuerySubscription> Subscriptions { get; } = new(StringComparer.Ordinal);
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "Could not renew the dashboards registration of account {AccountId}")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string accountId);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Debug, Message = "Could not clean up after the last dashboard of account {AccountId}")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string accountId);
}
