namespace Fleet.Compliance.Policy;

/// <summary>The keys of the policy document, shared by the parser and the canonical JSON writer.</summary>
public static class PolicyKeys
{
    public const string OsVersion = "osVersion";
    public const string Firewall = "firewall";
    public const string DiskEncryption = "diskEncryption";
    public const string AutomaticUpdates = "automaticUpdates";
    public const string ScreenLock = "screenLock";
    public const string ScreenIdle = "screenIdle";
    public const string RemoteLogin = "remoteLogin";
    public const string Applications = "applications";
    public const string AgentVersion = "agentVersion";
    /// <summary>Stethoscope's name for <see cref="AgentVersion"/>, accepted on input.</summary>
    public const string StethoscopeVersion = "stethoscopeVersion";
    public const string Waivers = "waivers";
    /// <summary>Stethoscope: are open (passwordless) Wi-Fi networks kept off the remembered list.</summary>
    public const string OpenWifiConnections = "openWifiConnections";
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
