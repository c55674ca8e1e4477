using Fleet.Compliance.Facts;
using Wire = Fleet.Agent.V1;

namespace Fleet.Gateway.Agents;

/// <summary>
/// Checks an agent's facts against the protocol's limits and translates them to the facts model. Every string
/// has a length limit; a violation names the field, its size and the limit. Proto3 has no null strings, so ""
/// means absent; a missing sub-message means "not collected" (Unknown), never "off".
/// </summary>
public static class WireFacts
{
    public const int MaxShortText = 128;
    public const int MaxHostname = 255;
    public const int MaxReason = 1024;
    public const int MaxApplicationName = 256;

    public static bool TryRead(Wire.DeviceFacts? wire, string path, int maxApplications, out DeviceFacts facts, out string error)
    {
        facts = null!;
        error = Validate(wire, path, maxApplications) ?? "";
        if (error.Length > 0)
            return false;
        facts = FromWire(wire!);
        return true;
    }

    private static string? Validate(Wire.DeviceFacts? wire, string path, int maxApplications)
    {
        if (wire is null)
            return $"{path} is missing.";
        if (wire.Platform is not ("darwin" or "win32" or "linux"))
            return $"{path}.platform is '{Clip(wire.Platform)}'; expected darwin, win32 or linux.";
        return Text(wire.Distro, $"{path}.distro", MaxShortText)
            ?? Text(wire.OsName, $"{path}.osName", MaxShortText)
            ?? Text(wire.OsVersion, $"{path}.osVersion", MaxShortText)
            ?? Text(wire.OsBuild, $"{path}.osBuild", MaxShortText)
            ?? Text(wire.Hostname, $"{path}.hostname", MaxHostname)
            ?? Text(wire.Model, $"{path}.model", MaxShortText)
            ?? Text(wire.Serial, $"{path}.serial", MaxShortText)
            ?? Text(wire.MachineId, $"{path}.machineId", MaxShortText, required: true)
            ?? Text(wire.AgentVersion, $"{path}.agentVersion", MaxShortText)
            ?? CheckFact(wire.DiskEncryption, $"{path}.diskEncryption")
            ?? CheckFact(wire.Firewall, $"{path}.firewall")
            ?? CheckFact(wire.ScreenLock, $"{path}.screenLock")
            ?? CheckNumeric(wire.ScreenIdleSeconds, $"{path}.screenIdleSeconds")
            ?? CheckFact(wire.RemoteLogin, $"{path}.remoteLogin")
            ?? CheckFact(wire.AutomaticUpdates, $"{path}.automaticUpdates")
            ?? Text(wire.ApplicationsUnknownReason, $"{path}.applicationsUnknownReason", MaxReason, multiline: true)
            ?? Applications(wire, path, maxApplications);
    }

    private static string? Applications(Wire.DeviceFacts wire, string path, int maxApplications)
    {
        if (wire.Applications.Count > maxApplications)
            return $"{path}.applications has {wire.Applications.Count} entries; the limit is {maxApplications}.";
        for (var i = 0; i < wire.Applications.Count; i++)
        {
            var application = wire.Applications[i];
            var problem = Text(application.Name, $"{path}.applications[{i}].name", MaxApplicationName, required: true)
                ?? Text(application.Version, $"{path}.applications[{i}].version", MaxShortText);
            if (problem is not null)
                return problem;
        }
        return null;
    }

    private static string? CheckFact(Wire.Fact? fact, string path) =>
        fact is null ? null : State(fact.State, path) ?? Text(fact.Reason, $"{path}.reason", MaxReason, multiline: true);

    private static string? CheckNumeric(Wire.NumericFact? fact, string path)
    {
        if (fact is null)
            return null;
        if (fact.State == Wire.FactState.On && fact.Value is < 0 or > 10L * 365 * 24 * 3600)
            return $"{path}.value is {fact.Value}; expected 0 to {10L * 365 * 24 * 3600}.";
        return State(fact.State, path) ?? Text(fact.Reason, $"{path}.reason", MaxReason, multiline: true);
    }

    private static string? State(Wire.FactState state, string path) =>
        Enum.IsDefined(state) ? null : $"{path}.state is {(int)state}; expected one of 0 (unknown), 1 (on), 2 (off), 3 (unsupported).";

    private static string? Text(string value, string path, int max, bool required = false, bool multiline = false)
    {
        if (required && string.IsNullOrWhiteSpace(value))
            return $"{path} is empty; it is required.";
        if (value.Length > max)
            return $"{path} is {value.Length} characters long; the limit is {max}.";
        foreach (var c in value)
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
                return $"{path} contains the control character U+{(int)c:X4}.";
        return null;
    }

    private static string Clip(string value) => value.Length <= 32 ? value : value[..32] + "…";

    private static DeviceFacts FromWire(Wire.DeviceFacts wire) => new()
    {
        Platform = wire.Platform switch { "darwin" => Platform.Darwin, "win32" => Platform.Win32, "linux" => Platform.Linux, _ => Platform.Unknown },
        Distro = NullIfEmpty(wire.Distro),
        OsName = wire.OsName,
        OsVersion = wire.OsVersion,
        OsBuild = NullIfEmpty(wire.OsBuild),
        Hostname = wire.Hostname,
        Model = NullIfEmpty(wire.Model),
        Serial = NullIfEmpty(wire.Serial),
        MachineId = wire.MachineId.Trim(),
        AgentVersion = wire.AgentVersion,
        DiskEncryption = FromWire(wire.DiskEncryption),
        Firewall = FromWire(wire.Firewall),
        ScreenLock = FromWire(wire.ScreenLock),
        ScreenIdleSeconds = FromWire(wire.ScreenIdleSeconds),
        RemoteLogin = FromWire(wire.RemoteLogin),
        AutomaticUpdates = FromWire(wire.AutomaticUpdates),
        Applications = wire.ApplicationsKnown
            ? wire.Applications.Select(a => new InstalledApplication(a.Name, NullIfEmpty(a.Version))).ToList()
            : null,
        ApplicationsUnknownReason = NullIfEmpty(wire.ApplicationsUnknownReason),
    };

    private static Fact FromWire(Wire.Fact? fact) =>
        fact is null ? Fact.Unknown("not reported") : new Fact(FromWire(fact.State), NullIfEmpty(fact.Reason));

    private static NumericFact FromWire(Wire.NumericFact? fact) =>
        fact is null
            ? NumericFact.Unknown("not reported")
            : new NumericFact(FromWire(fact.State), fact.State == Wire.FactState.On ? fact.Value : null, NullIfEmpty(fact.Reason));

    private static FactState FromWire(Wire.FactState state) => state switch
    {
        Wire.FactState.On => FactState.On,
        Wire.FactState.Off => FactState.Off,
        Wire.FactState.Unsupported => FactState.Unsupported,
        _ => FactState.Unknown,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
