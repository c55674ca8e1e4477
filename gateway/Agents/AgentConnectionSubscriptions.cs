using System.Collections.Concurrent;
using Fleet.Contracts.Agents;

namespace Fleet.Gateway.Agents;

/// <summary>
/// Keeps this gateway's observer subscribed to the <see cref="IAgentConnectionsGrain"/> of every account with a
/// stream open here: the first stream of an account subscribes, the <see cref="AgentConnectionsRefresher"/> renews
/// every subscription periodically (observers are in memory and expire) and reconciles each stream's policy, which
/// also repairs any notification lost to a grain deactivation or a silo crash.
/// </summary>
public sealed partial class AgentConnectionSubscriptions(
    IGrainFactory grains,
    AgentConnectionObserver observer,
    AgentStreamRegistry registry,
    ILogger<AgentConnectionSubscriptions> logger)
{
    private readonly ConcurrentDictionary<string, Task> _subscribed = new(StringComparer.Ordinal);
    private readonly Lock _referenceGate = new();
    private IAgentConnectionObserver? _reference;

    /// <summary>Completes once the account's grain knows this gateway (at most one subscribe call per account in flight).</summary>
    public async Task EnsureSubscribedAsync(string accountId)
    {
        var task = _subscribed.GetOrAdd(accountId, SubscribeAsync);
        try
        {
            await task;
        }
        catch
        {
            _subscribed.TryRemove(new KeyValuePair<string, Task>(accountId, task));
            throw;
        }
    }

    /// <summary>Renews every account's subscription and reconciles the policy of every stream; forgets accounts without streams.</summary>
    public async Task RefreshAsync()
    {
        var accounts = registry.Accounts();
        foreach (var stale in _subscribed.Keys.Except(accounts))
            _subscribed.TryRemove(stale, out _);
        foreach (var accountId in accounts)
        {
            try
            {
                var task = SubscribeAsync(accountId);
                _subscribed[accountId] = task;
                await task;
                await observer.PushPolicyAsync(accountId);
            }
            catch (Exception e)
            {
                LogRefreshFailed(logger, accountId, e.GetType().Name, e.Message);
            }
        }
    }

    public async Task UnsubscribeAllAsync()
    {
        foreach (var accountId in _subscribed.Keys)
        {
            try { await grains.GetGrain<IAgentConnectionsGrain>(accountId).Unsubscribe(Reference()); }
            catch (Exception e) { LogRefreshFailed(logger, accountId, e.GetType().Name, e.Message); }
        }
        _subscribed.Clear();
    }

    private Task SubscribeAsync(string accountId) => grains.GetGrain<IAgentConnectionsGrain>(accountId).Subscribe(Reference());

    private IAgentConnectionObserver Reference()
    {
        lock (_referenceGate)
            return _reference ??= grains.CreateObjectReference<IAgentConnectionObserver>(observer);
    }

    [LoggerMessage(EventId = 5110, Level = LogLevel.Warning, Message = "Could not renew the agent-connections subscription of {AccountId} ({ErrorType}: {Error}); retrying next round")]
    private static partial void LogRefreshFailed(ILogger logger, string accountId, string errorType, string error);
}
