namespace Fleet.Compliance.Policy;

/// <summary>
/// A validated, immutable compliance policy (docs/policy.md). A null requirement or range means the
/// check is not part of the policy and is not reported. Compared by value; build one with
/// <see cref="PolicyParser"/> and send it to agents as <see cref="PolicyJson"/>.
/// </summary>
public sealed record Policy
{
    public static readonly Policy Empty = new();

    /// <summary>Brackets ordered by platform key (ordinal), at most one per key.</summary>
    public ValueList<OsVersionBracket> OsVersion { get; init; } = ValueList<OsVersionBracket>.Empty;
    public Requirement? Firewall { get; init; }
    public Requirement? DiskEncryption { get; init; }
    public Requirement? AutomaticUpdates { get; init; }
    public Requirement? ScreenLock { get; init; }
    /// <summary>Allowed screen idle delay before the screen locks, in seconds (e.g. <c>&lt;=600</c>).</summary>
    public VersionRange? ScreenIdle { get; init; }
    public Requirement? RemoteLogin { get; init; }
    /// <summary>In policy order; names are unique ignoring case.</summary>
    public ValueList<ApplicationRequirement> Applications { get; init; } = ValueList<ApplicationRequirement>.Empty;
    public VersionRange? AgentVersion { get; init; }
    /// <summary>Stethoscope's open Wi-Fi practice: ON means no open network is remembered.</summary>
    public Requirement? OpenWifiConnections { get; init; }
    /// <summary>On Windows, screenLock passes only when the screen locks within this many seconds.</summary>
    public int? WindowsMaxScreenLockTimeout { get; init; }
    public ValueList<Waiver> Waivers { get; init; } = ValueList<Waiver>.Empty;

    /// <summary>The bracket for a platform key or distro id (ignoring case), or null. See <see cref="PlatformKeys.All"/> for the fallback.</summary>
    public OsVersionBracket? FindOsVersionBracket(string? platformKey)
    {
        if (platformKey is null) return null;
        foreach (var bracket in OsVersion)
        {
            if (string.Equals(bracket.Platform, platformKey, StringComparison.OrdinalIgnoreCase)) return bracket;
        }
        return null;
    }
}
