using Fleet.Contracts.Agents;
using Wire = Fleet.Agent.V1;

namespace Fleet.Gateway.Agents;

/// <summary>
/// This gateway's end of the push path: the account's <see cref="IAgentConnectionsGrain"/> calls it, it finds the
/// open streams in the <see cref="AgentStreamRegistry"/> and queues the message on each. It never holds up the grain:
/// the policy is fetched and pushed in the background.
/// </summary>
public sealed partial class AgentConnectionObserver(
    AgentStreamRegistry registry,
    AgentPolicySource policies,
    ILogger<AgentConnectionObserver> logger) : IAgentConnectionObserver
{
    public Task PolicyChanged(string accountId, long policyVersion)
    {
        if (registry.StreamsOf(accountId).Count > 0)
            _ = PushPolicyAsync(accountId);
        return Task.CompletedTask;
    }

    public Task<bool> ScanNow(string accountId, string deviceId, string reason)
    {
        var stream = registry.Find(accountId, deviceId);
        var queued = stream is not null && stream.TryPush(new Wire.ServerMessage { ScanNow = new Wire.ScanNow { Reason = reason } });
        return Task.FromResult(queued);
    }

    public Task<bool> Disconnect(string accountId, string deviceId)
    {
        var stream = registry.Find(accountId, deviceId);
        stream?.Cancel();
        return Task.FromResult(stream is not null);
    }

    /// <summary>
    /// Offers the account's current policy to each of its streams here (streams that already have it skip it), and the
    /// upgrade notice to those whose agent is older than the minimum.
    /// </summary>
    public async Task<int> PushPolicyAsync(string accountId)
    {
        try
        {
            var update = await policies.GetAsync(accountId);
            var upgrade = policies.UpgradeRequired(update.MinAgentVersion);
            var pushed = 0;
            foreach (var stream in registry.StreamsOf(accountId))
            {
                if (stream.OfferPolicy(update))
                    pushed++;
                // A raised minimum reaches the agents it leaves behind now, on their open stream.
                stream.OfferUpgrade(upgrade);
            }
            if (pushed > 0)
                LogPolicyPushed(logger, accountId, update.PolicyVersion, pushed);
            return pushed;
        }
        catch (Exception e)
        {
            LogPolicyPushFailed(logger, accountId, e.GetType().Name, e.Message);
            return 0;
        }
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug, Message = "Policy version {PolicyVersion} of {AccountId} queued on {Streams} stream(s)")]
    private static partial void LogPolicyPushed(ILogger logger, string accountId, long policyVersion, int streams);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Could not push the policy of {AccountId} ({ErrorType}: {Error}); the next reconciliation retries")]
    private static partial void LogPolicyPushFailed(ILogger logger, string accountId, string errorType, string error);
}
