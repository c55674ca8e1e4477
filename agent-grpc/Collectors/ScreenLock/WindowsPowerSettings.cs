using Fleet.Agent.Collectors.Registry;

namespace Fleet.Agent.Collectors.ScreenLock;

/// <summary>
/// Where Windows keeps the active power plan's values, readable by any user: the plan's own value
/// (written when someone changed it), else the plan's default; a group-policy value overrides both.
/// </summary>
public static class WindowsPowerSettings
{
    public const string SchemesPath = @"HKLM\SYSTEM\CurrentControlSet\Control\Power\User\PowerSchemes";
    private const string DefaultsPath = @"HKLM\SYSTEM\CurrentControlSet\Control\Power\PowerSettings";
    private const string PolicyPath = @"HKLM\SOFTWARE\Policies\Microsoft\Power\PowerSettings";

    public static readonly (string Group, string Setting) DisplayOff = ("7516b95f-f776-4464-8c53-06167f40cc99", "3c0bc021-c8a8-4e07-a973-6b14cbcb2b7e");
    public static readonly (string Group, string Setting) Sleep = ("238c9fa8-0aad-41ed-83f4-97be242c8f20", "29f6c1db-86da-48c5-9fdb-f2b67b1f44da");
    public static readonly (string Group, string Setting) ConsoleLock = ("fea3413e-7e05-4911-9a71-700331f1c294", "0e796bdb-100d-47d6-a2d5-f7d2daa51f51");

    /// <summary>The three keys that may hold one setting of the active plan, most authoritative first.</summary>
    public static IReadOnlyList<string> KeysFor(string scheme, (string Group, string Setting) setting) =>
    [
        $@"{PolicyPath}\{setting.Setting}",
        $@"{SchemesPath}\{scheme}\{setting.Group}\{setting.Setting}",
        $@"{DefaultsPath}\{setting.Group}\{setting.Setting}\DefaultPowerSchemeValues\{scheme}",
    ];

    /// <summary>The first of the keys (as <see cref="KeysFor"/> orders them) that holds the value; null when none does.</summary>
    public static long? Resolve(IEnumerable<RegistryKey?> keys, string valueName) =>
        keys.Select(k => k?[valueName]?.AsNumber()).FirstOrDefault(v => v is not null);

    /// <summary>Reads the active plan through <paramref name="registry"/>; null when the active plan is not readable.</summary>
    public static WindowsPowerLock? Read(IRegistryReader registry)
    {
        var scheme = registry.Read(SchemesPath)?["ActivePowerScheme"]?.Data;
        if (string.IsNullOrEmpty(scheme))
        {
            return null;
        }
        long? Value((string, string) setting, string index) => Resolve(KeysFor(scheme, setting).Select(registry.Read), index);
        bool? Flag((string, string) setting, string index) => Value(setting, index) is { } v ? v != 0 : null;
        return new WindowsPowerLock(
            Value(DisplayOff, "ACSettingIndex"), Value(DisplayOff, "DCSettingIndex"),
            Value(Sleep, "ACSettingIndex"), Value(Sleep, "DCSettingIndex"),
            Flag(ConsoleLock, "ACSettingIndex"), Flag(ConsoleLock, "DCSettingIndex"));
    }
}
