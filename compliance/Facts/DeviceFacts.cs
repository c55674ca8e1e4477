namespace Fleet.Compliance.Facts;

/// <summary>
/// Everything one scan of a device established. The agent produces it, the silo evaluates it.
/// Equality is by value so an unchanged report can be recognised without a storage write.
/// </summary>
public sealed record DeviceFacts
{
    public Platform Platform { get; init; }
    /// <summary>Linux distribution id as in /etc/os-release ID (<c>ubuntu</c>, <c>fedora</c>, <c>debian</c>); null elsewhere.</summary>
    public string? Distro { get; init; }
    public string OsName { get; init; } = "";
    /// <summary>As the OS reports it: <c>14.6.1</c>, <c>22.04</c>, <c>10.0.22631</c>.</summary>
    public string OsVersion { get; init; } = "";
    public string? OsBuild { get; init; }
    public string Hostname { get; init; } = "";
    public string? Model { get; init; }
    public string? Serial { get; init; }
    /// <summary>Stable per-machine id (/etc/machine-id, IOPlatformUUID, MachineGuid): re-enrolment keeps the device.</summary>
    public string MachineId { get; init; } = "";
    public string AgentVersion { get; init; } = "";
    public Fact DiskEncryption { get; init; } = Fact.Unknown("not collected");
    public Fact Firewall { get; init; } = Fact.Unknown("not collected");
    public Fact ScreenLock { get; init; } = Fact.Unknown("not collected");
    public NumericFact ScreenIdleSeconds { get; init; } = NumericFact.Unknown("not collected");
    public Fact RemoteLogin { get; init; } = Fact.Unknown("not collected");
    public Fact AutomaticUpdates { get; init; } = Fact.Unknown("not collected");
    /// <summary>ON when no open (passwordless) Wi-Fi network is remembered (Stethoscope's openWifiConnections practice).</summary>
    public Fact OpenWifiConnections { get; init; } = Fact.Unknown("not collected");
    /// <summary>Null when the application inventory could not be read (then application checks are UNKNOWN).</summary>
    public IReadOnlyList<InstalledApplication>? Applications { get; init; }
    /// <summary>
    /// Why the inventory is unknown (no <see cref="Applications"/>) or, beside a list, why it is incomplete
    /// (some package source failed): then an application absent from the list is not known to be absent.
    /// </summary>
    public string? ApplicationsUnknownReason { get; init; }

    public bool Equals(DeviceFacts? other) =>
        other is not null
        && Platform == other.Platform && Distro == other.Distro && OsName == other.OsName
        && OsVersion == other.OsVersion && OsBuild == other.OsBuild && Hostname == other.Hostname
        && Model == other.Model && Serial == other.Serial && MachineId == other.MachineId
        && AgentVersion == other.AgentVersion && DiskEncryption == other.DiskEncryption
        && Firewall == other.Firewall && ScreenLock == other.ScreenLock
        && ScreenIdleSeconds == other.ScreenIdleSeconds && RemoteLogin == other.RemoteLogin
        && AutomaticUpdates == other.AutomaticUpdates && OpenWifiConnections == other.OpenWifiConnections
        && ApplicationsUnknownReason == other.ApplicationsUnknownReason
        && SameApplications(Applications, other.Applications);

    public override int GetHashCode() =>
        HashCode.Combine(Platform, OsVersion, Hostname, MachineId, DiskEncryption, Firewall, ScreenLock, RemoteLogin);

    private static bool SameApplications(IReadOnlyList<InstalledApplication>? a, IReadOnlyList<InstalledApplication>? b) =>
        a is null || b is null ? a is null && b is null : a.SequenceEqual(b);
}
