using Fleet.Agent.Configuration;
using Fleet.Compliance.Policy;

namespace Fleet.Agent.Status;

/// <summary>
/// The upgrade prompt `fleet-agent status` prints above the checks while this agent is older than the account's
/// <c>minAgentVersion</c> (from the last policy the server sent, so it also shows offline). Pure, so the wording is tested.
/// </summary>
public static class UpgradeNotice
{
    /// <summary>Null when no minimum is set, this agent meets it, or either version cannot be read.</summary>
    public static string? For(PolicySnapshot policy, string currentVersion)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.MinAgentVersion.Length == 0
            || !VersionText.TryParseVersion(policy.MinAgentVersion, out var minimum)
            || !VersionText.TryParseVersion(currentVersion, out var current)
            || current.ComparePrecedenceTo(minimum) >= 0)
        {
            return null;
        }
        var download = policy.DownloadUrl.Length > 0 ? $"Download it from {policy.DownloadUrl}" : "Ask your IT team for the new version";
        return $"UPGRADE REQUIRED: this Fleet agent is {currentVersion}; your organisation requires {policy.MinAgentVersion} or later.{Environment.NewLine}"
            + $"{download}, install it, and run `fleet-agent status` again.{Environment.NewLine}";
    }
}
