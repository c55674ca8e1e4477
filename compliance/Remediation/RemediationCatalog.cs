using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;
using Fleet.Compliance.Remediation.Catalog;

namespace Fleet.Compliance.Remediation;

/// <summary>
/// Step-by-step fixes for every check on macOS 14–15, Windows 11 and Ubuntu 24.04 / Fedora 40
/// (GNOME and KDE). The directions themselves live as data, one file per check, in <c>Catalog/</c>.
/// </summary>
public static class RemediationCatalog
{
    private static readonly RemediationEntry[] Entries =
    [
        OsVersionRemediation.Entry,
        FirewallRemediation.Entry,
        DiskEncryptionRemediation.Entry,
        AutomaticUpdatesRemediation.Entry,
        ScreenLockRemediation.Entry,
        ScreenIdleRemediation.Entry,
        RemoteLoginRemediation.Entry,
        AgentVersionRemediation.Entry,
        OpenWifiRemediation.Entry,
    ];

    /// <summary>
    /// The fix for a setting check on a platform; null for <c>app:*</c> ids (use
    /// <see cref="ForApplication"/>), unknown ids and an unknown platform.
    /// </summary>
    public static Remediation? For(string checkId, Platform platform, LinuxDesktop desktop = LinuxDesktop.Unknown)
    {
        foreach (var entry in Entries)
        {
            if (entry.CheckId != checkId) continue;
            return platform switch
            {
                Platform.Darwin => entry.Darwin,
                Platform.Win32 => entry.Win32,
                Platform.Linux => desktop == LinuxDesktop.Kde ? entry.LinuxKde ?? entry.LinuxGnome : entry.LinuxGnome,
                _ => null,
            };
        }
        return null;
    }

    /// <summary>A generic fix for an application entry, built from its name, description and installFrom.</summary>
    public static Remediation ForApplication(ApplicationRequirement application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var name = application.Name;
        var version = application.Version is null ? "" : $" (version {application.Version.Text})";
        if (application.Assertion == Requirement.Never)
        {
            return new Remediation(
                $"Remove {name}",
                application.Description ?? $"{name}{version} is not allowed on company devices by your organisation's policy.",
                $"""
                1. Quit {name} if it is running.
                2. Uninstall it: on macOS drag it from **Applications** to the Bin; on Windows use **Settings → Apps → Installed apps → ⋯ → Uninstall**; on Linux remove it with **Software** (GNOME) or **Discover** (KDE), or your package manager.
                3. Wait for the next scan, or choose **Scan now** in the Fleet agent, to confirm the check passes.
                """,
                null);
        }

        var source = application.InstallFrom is { } from
            ? $"1. Download {name}{version} from <{from}>."
            : $"1. Get {name}{version} from your organisation's software portal, or ask IT where to install it from.";
        return new Remediation(
            $"Install {name}",
            application.Description ?? $"Your organisation's policy requires {name}{version} on this device.",
            $"""
            {source}
            2. Install it (or update it, if an older version is installed) and open it once so it can finish setting up.
            3. Wait for the next scan, or choose **Scan now** in the Fleet agent, to confirm the check passes.
            """,
            application.InstallFrom);
    }
}
