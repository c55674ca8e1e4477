using Fleet.Agent.Protocol;
using Fleet.Compliance.Facts;
using Wire = Fleet.Agent.V1;

namespace Fleet.Gateway.Agents;

/// <summary>
/// Checks an agent's facts against the protocol's limits, then translates them to the facts model with the
/// protocol's one mapping (<see cref="FactsMapper"/>, shared with the agent). Every string has a length limit; a
/// violation names the field, its size and the limit. A missing sub-message is valid: it means "not collected".
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
        facts = FactsMapper.FromWire(wire!);
        return true;
    }

    private static string? Validate(Wire.DeviceFacts? wire, string path, int maxApplications)
    {
        if (wire is null)
            return $"{path} is missing.";
        if (FactsMapper.ParsePlatform(wire.Platform) == Platform.Unknown)
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
            ?? CheckFact(wire.OpenWifiConnections, $"{path}.openWifiConnections")
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
}
