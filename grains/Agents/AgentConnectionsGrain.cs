using Fleet.Contracts.Agents;
using Orleans.Utilities;

namespace Fleet.Grains.Agents;

/// <summary>
/// The gateways holding agent streams of one account, as observers that expire unless refreshed
/// (<see cref="ObserverExpiry"/>; gateways re-subscribe well within it). Nothing is stored: a lost
/// activation is rebuilt by the next round of re-subscriptions.
/// </summary>
public sealed partial class AgentConnectionsGrain : Grain, IAgentConnectionsGrain
{
    public static readonly TimeSpan ObserverExpiry = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ScanNowTimeout = TimeSpan.FromSeconds(5);
    private readonly ObserverManager<IAgentConnectionObserver> _observers;
    private readonly ILogger<AgentConnectionsGrain> _logger;

    public AgentConnectionsGrain(ILogger<AgentConnectionsGrain> logger, TimeProvider time)
    {
        _logger = logger;
        _observers = new ObserverManager<IAgentConnectionObserver>(ObserverExpiry, logger)
        {
            GetDateTime = () => time.GetUtcNow().UtcDateTime,
        };
    }

    public Task Subscribe(IAgentConnectionObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IAgentConnectionObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task PolicyChanged(long policyVersion)
    {
        var accountId = this.GetPrimaryKeyString();
        LogPolicyChanged(_logger, accountId, policyVersion, _observers.Count);
        // Not awaited: a slow or dead gateway must not hold up the caller. ObserverManager drops observers that fail.
        _ = _observers.Notify(o => o.PolicyChanged(accountId, policyVersion));
        return Task.CompletedTask;
    }

    public async Task<bool> ScanNow(string deviceId, string reason)
    {
        _observers.ClearExpired();
        var accountId = this.GetPrimaryKeyString();
        var asks = _observers.Select(o => AskAsync(o, accountId, deviceId, reason)).ToList();
        var answers = await Task.WhenAll(asks);
        return answers.Any(held => held);
    }

    public Task Disconnect(string deviceId)
    {
        var accountId = this.GetPrimaryKeyString();
        _ = _observers.Notify(o => o.Disconnect(accountId, deviceId));
        return Task.CompletedTask;
    }

    public Task<int> CountGateways()
    {
        _observers.ClearExpired();
        return Task.FromResult(_observers.Count);
    }

    private async Task<bool> AskAsync(IAgentConnectionObserver observer, string accountId, string deviceId, string reason)
    {
        try
        {
            return await observer.ScanNow(accountId, deviceId, reason).WaitAsync(ScanNowTimeout);
        }
        catch (Exception e)
        {
            LogObserverFailed(_logger, accountId, e.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Policy of {AccountId} changed to version {PolicyVersion}: telling {Gateways} gateway(s)")]
    private static partial void LogPolicyChanged(ILogger logger, string accountId, long policyVersion, int gateways);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "A gateway observer of {AccountId} did not answer scan-now ({Error})")]
    private static partial void LogObserverFailed(ILogger logger, string accountId, string error);
}
