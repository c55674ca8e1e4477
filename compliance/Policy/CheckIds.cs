namespace Fleet.Compliance.Policy;

/// <summary>The stable check ids used across Fleet (results, waivers, remediation, the wire).</summary>
public static class CheckIds
{
    public const string OsVersion = "osVersion";
    public const string Firewall = "firewall";
    public const string DiskEncryption = "diskEncryption";
    public const string AutomaticUpdates = "automaticUpdates";
    public const string ScreenLock = "screenLock";
    public const string ScreenIdle = "screenIdle";
    public const string RemoteLogin = "remoteLogin";
    public const string AgentVersion = "agentVersion";
    public const string OpenWifiConnections = "openWifiConnections";
    public const string ApplicationPrefix = "app:";

    /// <summary>Every check id except applications, in the fixed order results are reported.</summary>
    public static readonly IReadOnlyList<string> Settings =
        [OsVersion, Firewall, DiskEncryption, AutomaticUpdates, ScreenLock, ScreenIdle, RemoteLogin, AgentVersion, OpenWifiConnections];

    public static string Application(string name) => ApplicationPrefix + name;

    public static bool IsApplication(string checkId) => checkId.StartsWith(ApplicationPrefix, StringComparison.Ordinal);

    /// <summary>The application name of an <c>app:&lt;name&gt;</c> id, or null for other ids.</summary>
    public static string? ApplicationName(string checkId) =>
        IsApplication(checkId) ? checkId[ApplicationPrefix.Length..] : null;

    public static bool IsSetting(string checkId)
    {
        foreach (var id in Settings)
        {
            if (id == checkId) return true;
        }
        return false;
    }
}
