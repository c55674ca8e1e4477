using Fleet.Compliance.Facts;
using Wire = Fleet.Agent.V1;

namespace Fleet.Agent.Protocol;

/// <summary>
/// Translates the facts model to the wire and back: the one mapping, used by the agent (to the wire) and the
/// gateway (from the wire, after <c>WireFacts</c> has checked the message against the protocol's limits).
/// Proto3 has no null strings, so an absent optional value travels as "" and comes back as null; a numeric
/// fact's value means something only when ON; a missing sub-message means "not collected" (Unknown).
/// </summary>
public static class FactsMapper
{
    public static Wire.DeviceFacts ToWire(DeviceFacts facts)
    {
        var wire = new Wire.DeviceFacts
        {
            Platform = PlatformName(facts.Platform),
            Distro = facts.Distro ?? "",
            OsName = facts.OsName,
            OsVersion = facts.OsVersion,
            OsBuild = facts.OsBuild ?? "",
            Hostname = facts.Hostname,
            Model = facts.Model ?? "",
            Serial = facts.Serial ?? "",
            MachineId = facts.MachineId,
            AgentVersion = facts.AgentVersion,
            DiskEncryption = ToWire(facts.DiskEncryption),
            Firewall = ToWire(facts.Firewall),
            ScreenLock = ToWire(facts.ScreenLock),
            ScreenIdleSeconds = ToWire(facts.ScreenIdleSeconds),
            RemoteLogin = ToWire(facts.RemoteLogin),
            AutomaticUpdates = ToWire(facts.AutomaticUpdates),
            OpenWifiConnections = ToWire(facts.OpenWifiConnections),
            ApplicationsKnown = facts.Applications is not null,
            ApplicationsUnknownReason = facts.ApplicationsUnknownReason ?? "",
        };
        foreach (var application in facts.Applications ?? [])
        {
            wire.Applications.Add(new Wire.InstalledApplication { Name = application.Name, Version = application.Version ?? "" });
        }
        return wire;
    }

    public static DeviceFacts FromWire(Wire.DeviceFacts wire) => new()
    {
        Platform = ParsePlatform(wire.Platform),
        Distro = NullIfEmpty(wire.Distro),
        OsName = wire.OsName,
        OsVersion = wire.OsVersion,
        OsBuild = NullIfEmpty(wire.OsBuild),
        Hostname = wire.Hostname,
        Model = NullIfEmpty(wire.Model),
        Serial = NullIfEmpty(wire.Serial),
        // The machine id identifies the device across re-enrollments: surrounding whitespace is not part of it.
        MachineId = wire.MachineId.Trim(),
        AgentVersion = wire.AgentVersion,
        DiskEncryption = FromWire(wire.DiskEncryption),
        Firewall = FromWire(wire.Firewall),
        ScreenLock = FromWire(wire.ScreenLock),
        ScreenIdleSeconds = FromWire(wire.ScreenIdleSeconds),
        RemoteLogin = FromWire(wire.RemoteLogin),
        AutomaticUpdates = FromWire(wire.AutomaticUpdates),
        OpenWifiConnections = FromWire(wire.OpenWifiConnections),
        Applications = wire.ApplicationsKnown
            ? wire.Applications.Select(a => new InstalledApplication(a.Name, NullIfEmpty(a.Version))).ToList()
            : null,
        ApplicationsUnknownReason = NullIfEmpty(wire.ApplicationsUnknownReason),
    };

    public static string PlatformName(Platform platform) => platform switch
    {
        Platform.Darwin => "darwin",
        Platform.Win32 => "win32",
        Platform.Linux => "linux",
        _ => "",
    };

    public static Platform ParsePlatform(string name) => name switch
    {
        "darwin" => Platform.Darwin,
        "win32" => Platform.Win32,
        "linux" => Platform.Linux,
        _ => Platform.Unknown,
    };

    private static Wire.Fact ToWire(Fact fact) => new() { State = ToWire(fact.State), Reason = fact.Reason ?? "" };

    private static Wire.NumericFact ToWire(NumericFact fact) =>
        new() { State = ToWire(fact.State), Value = fact.Value ?? 0, Reason = fact.Reason ?? "" };

    // A missing sub-message means the sender did not collect it: Unknown, never a default "off".
    private static Fact FromWire(Wire.Fact? fact) =>
        fact is null ? Fact.Unknown("not reported") : new Fact(FromWire(fact.State), NullIfEmpty(fact.Reason));

    private static NumericFact FromWire(Wire.NumericFact? fact) =>
        fact is null
            ? NumericFact.Unknown("not reported")
            : new NumericFact(FromWire(fact.State), fact.State == Wire.FactState.On ? fact.Value : null, NullIfEmpty(fact.Reason));

    private static Wire.FactState ToWire(FactState state) => state switch
    {
        FactState.On => Wire.FactState.On,
        FactState.Off => Wire.FactState.Off,
        FactState.Unsupported => Wire.FactState.Unsupported,
        _ => Wire.FactState.Unknown,
    };

    private static FactState FromWire(Wire.FactState state) => state switch
    {
        Wire.FactState.On => FactState.On,
        Wire.FactState.Off => FactState.Off,
        Wire.FactState.Unsupported => FactState.Unsupported,
        _ => FactState.Unknown,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
