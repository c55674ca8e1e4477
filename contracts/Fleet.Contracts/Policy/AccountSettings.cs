using Fleet.Compliance.Policy;

namespace Fleet.Contracts.Policy;

/// <summary>Per-account agent settings (<c>/settings</c>, docs/compliance-core.md).</summary>
[GenerateSerializer, Immutable, Alias("fleet.AccountSettings")]
public sealed record AccountSettings(
    [property: Id(0)] int ScanIntervalSeconds,
    [property: Id(1)] int OfflineAfterSeconds,
    [property: Id(2)] string? MinAgentVersion)
{
    public const int MinScanIntervalSeconds = 60;
    public const int MaxScanIntervalSeconds = 86_400;
    public const int MinOfflineAfterSeconds = 30;
    public const int MaxOfflineAfterSeconds = 86_400;

    public static readonly AccountSettings Default = new(3600, 180, null);

    /// <summary>Every invalid field (camelCase name → messages); empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (ScanIntervalSeconds is < MinScanIntervalSeconds or > MaxScanIntervalSeconds)
            errors["scanIntervalSeconds"] = [$"scanIntervalSeconds must be between {MinScanIntervalSeconds} and {MaxScanIntervalSeconds} seconds; got {ScanIntervalSeconds}."];
        if (OfflineAfterSeconds is < MinOfflineAfterSeconds or > MaxOfflineAfterSeconds)
            errors["offlineAfterSeconds"] = [$"offlineAfterSeconds must be between {MinOfflineAfterSeconds} and {MaxOfflineAfterSeconds} seconds; got {OfflineAfterSeconds}."];
        if (MinAgentVersion is not null && !VersionText.TryParseVersion(MinAgentVersion, out _))
            errors["minAgentVersion"] = [$"minAgentVersion must be a version such as 1.4.0, or null; got '{MinAgentVersion}'."];
        return errors;
    }
}
