using Fleet.Contracts.Accounts;
using Fleet.Gateway.Hosting;
using Wire = Fleet.Agent.V1;

namespace Fleet.Gateway.Agents;

/// <summary>Builds the PolicyUpdate (and, for an old agent, the UpgradeRequired) an account's agents get.</summary>
public sealed class AgentPolicySource(IGrainFactory grains, PublicUrls urls)
{
    public async Task<Wire.PolicyUpdate> GetAsync(string accountId)
    {
        var account = grains.GetGrain<IAccountGrain>(accountId);
        var policy = account.GetPolicy();
        var settings = account.GetSettings();
        await Task.WhenAll(policy, settings);
        return new Wire.PolicyUpdate
        {
            PolicyVersion = policy.Result.Version,
            PolicyJson = policy.Result.CanonicalJson,
            ScanIntervalSeconds = settings.Result.ScanIntervalSeconds,
            OfflineAfterSeconds = settings.Result.OfflineAfterSeconds,
            MinAgentVersion = settings.Result.MinAgentVersion ?? "",
            DownloadUrl = urls.Downloads.ToString(),
        };
    }

    public Wire.UpgradeRequired UpgradeRequired(string minAgentVersion) => new()
    {
        MinAgentVersion = minAgentVersion,
        DownloadUrl = urls.Downloads.ToString(),
    };
}
