namespace Fleet.Compliance.Policy;

/// <summary>
/// The keys of the policy document, shared by the parser and the canonical JSON writer. A setting's key is its check id
/// (<see cref="CheckIds"/> is the one list of those), so a policy rule, its result and its waiver name the same thing.
/// </summary>
public static class PolicyKeys
{
    public const string OsVersion = CheckIds.OsVersion;
    public const string Firewall = CheckIds.Firewall;
    public const string DiskEncryption = CheckIds.DiskEncryption;
    public const string AutomaticUpdates = CheckIds.AutomaticUpdates;
    public const string ScreenLock = CheckIds.ScreenLock;
    public const string ScreenIdle = CheckIds.ScreenIdle;
    public const string RemoteLogin = CheckIds.RemoteLogin;
    public const string Applications = "applications";
    public const string AgentVersion = CheckIds.AgentVersion;
    /// <summary>Stethoscope's name for <see cref="AgentVersion"/>, accepted on input.</summary>
    public const string StethoscopeVersion = "stethoscopeVersion";
    public const string Waivers = "waivers";
    /// <summary>Stethoscope: are open (passwordless) Wi-Fi networks kept off the remembered list.</summary>
    public const string OpenWifiConnections = CheckIds.OpenWifiConnections;
    /// <summary>Stethoscope: on Windows, the screen must lock within this many seconds for screenLock to pass.</summary>
    public const string WindowsMaxScreenLockTimeout = "windowsMaxScreenLockTimeout";

    public static readonly IReadOnlyList<string> TopLevel =
    [
        OsVersion, Firewall, DiskEncryption, AutomaticUpdates, ScreenLock, ScreenIdle, RemoteLogin,
        Applications, AgentVersion, StethoscopeVersion, Waivers, OpenWifiConnections, WindowsMaxScreenLockTimeout,
    ];

    public const string Ok = "ok";
    public const string Nudge = "nudge";
    public static readonly IReadOnlyList<string> Bracket = [Ok, Nudge];

    public const string Name = "name";
    public const string Assertion = "assertion";
    public const string Version = "version";
    public const string Platform = "platform";
    public const string Description = "description";
    public const string InstallFrom = "installFrom";
    /// <summary>Stethoscope's per-platform folders to search for the application (darwin, win32, linux).</summary>
    public const string Paths = "paths";
    public static readonly IReadOnlyList<string> Application = [Name, Assertion, Version, Platform, Description, InstallFrom, Paths];

    public const string Check = "check";
    public const string Device = "device";
    public const string Person = "person";
    public const string Justification = "justification";
    public const string Expires = "expires";
    public static readonly IReadOnlyList<string> Waiver = [Check, Device, Person, Justification, Expires];
}
