using System.Buffers;
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

    // char.IsControl's set, searched vectorized: a report's ~50 application names were scanned a character at a time.
    private static readonly SearchValues<char> Controls = SearchValues.Create(ControlCharacters(except: ""));
    private static readonly SearchValues<char> ControlsButLineBreaksAndTabs = SearchValues.Create(ControlCharacters(except: "\n\r\t"));

    public static bool TryRead(Wire.DeviceFacts? wire, string path, int maxApplications, out DeviceFacts facts, out string error)
    {
        facts = null!;
        error = Validate(wire, path, maxApplications) ?? "";
        if (error.Length > 0)
            return false;
        facts = FactsMapper.FromWire(wire!);
        return true;
    }

    // Each check answers with its problem as the end of a message that starts with the field's path, and the path is
    // formatted only then: building ~120 path strings per report was 9 % of the gateway's CPU for unchanged reports
    // (docs/benchmarks.md, "Reports per second").
    private static string? Validate(Wire.DeviceFacts? wire, string path, int maxApplications)
    {
        if (wire is null)
            return $"{path} is missing.";
        if (FactsMapper.ParsePlatform(wire.Platform) == Platform.Unknown)
            return $"{path}.platform is '{Clip(wire.Platform)}'; expected darwin, win32 or linux.";
        return At(path, "distro", Text(wire.Distro, MaxShortText))
            ?? At(path, "osName", Text(wire.OsName, MaxShortText))
            ?? At(path, "osVersion", Text(wire.OsVersion, MaxShortText))
            ?? At(path, "osBuild", Text(wire.OsBuild, MaxShortText))
            ?? At(path, "hostname", Text(wire.Hostname, MaxHostname))
            ?? At(path, "model", Text(wire.Model, MaxShortText))
            ?? At(path, "serial", Text(wire.Serial, MaxShortText))
            ?? At(path, "machineId", Text(wire.MachineId, MaxShortText, required: true))
            ?? At(path, "agentVersion", Text(wire.AgentVersion, MaxShortText))
            ?? At(path, "diskEncryption", CheckFact(wire.DiskEncryption))
            ?? At(path, "firewall", CheckFact(wire.Firewall))
            ?? At(path, "screenLock", CheckFact(wire.ScreenLock))
            ?? At(path, "screenIdleSeconds", CheckNumeric(wire.ScreenIdleSeconds))
            ?? At(path, "remoteLogin", CheckFact(wire.RemoteLogin))
            ?? At(path, "automaticUpdates", CheckFact(wire.AutomaticUpdates))
            ?? At(path, "openWifiConnections", CheckFact(wire.OpenWifiConnections))
            ?? At(path, "applicationsUnknownReason", Text(wire.ApplicationsUnknownReason, MaxReason, multiline: true))
            ?? Applications(wire, path, maxApplications);
    }

    private static string? At(string path, string field, string? problem) => problem is null ? null : $"{path}.{field}{problem}";

    private static string? Applications(Wire.DeviceFacts wire, string path, int maxApplications)
    {
        if (wire.Applications.Count > maxApplications)
            return $"{path}.applications has {wire.Applications.Count} entries; the limit is {maxApplications}.";
        for (var i = 0; i < wire.Applications.Count; i++)
        {
            var application = wire.Applications[i];
            if (Text(application.Name, MaxApplicationName, required: true) is { } name)
                return $"{path}.applications[{i}].name{name}";
            if (Text(application.Version, MaxShortText) is { } version)
                return $"{path}.applications[{i}].version{version}";
        }
        return null;
    }

    private static string? CheckFact(Wire.Fact? fact) =>
        fact is null ? null : State(fact.State) ?? Reason(fact.Reason);

    private static string? CheckNumeric(Wire.NumericFact? fact)
    {
        if (fact is null)
            return null;
        if (fact.State == Wire.FactState.On && fact.Value is < 0 or > 10L * 365 * 24 * 3600)
            return $".value is {fact.Value}; expected 0 to {10L * 365 * 24 * 3600}.";
        return State(fact.State) ?? Reason(fact.Reason);
    }

    private static string? State(Wire.FactState state) =>
        Enum.IsDefined(state) ? null : $".state is {(int)state}; expected one of 0 (unknown), 1 (on), 2 (off), 3 (unsupported).";

    private static string? Reason(string reason) => Text(reason, MaxReason, multiline: true) is { } problem ? ".reason" + problem : null;

    /// <summary>What is wrong with a text field, as the rest of a message that starts with its path; null when nothing is.</summary>
    private static string? Text(string value, int max, bool required = false, bool multiline = false)
    {
        if (required && string.IsNullOrWhiteSpace(value))
            return " is empty; it is required.";
        if (value.Length > max)
            return $" is {value.Length} characters long; the limit is {max}.";
        var control = value.AsSpan().IndexOfAny(multiline ? ControlsButLineBreaksAndTabs : Controls);
        return control < 0 ? null : $" contains the control character U+{(int)value[control]:X4}.";
    }

    private static string ControlCharacters(string except) =>
        new([.. Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(c => char.IsControl(c) && !except.Contains(c))]);

    private static string Clip(string value) => value.Length <= 32 ? value : value[..32] + "…";
}
