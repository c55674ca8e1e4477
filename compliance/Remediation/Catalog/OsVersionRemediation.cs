using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Remediation.Catalog;

internal static class OsVersionRemediation
{
    private const string Why = "Older operating system versions have publicly known security flaws that updates fix; some no longer receive fixes at all.";

    public static readonly RemediationEntry Entry = new(
        CheckIds.OsVersion,
        Darwin: new(
            "Update macOS",
            Why,
            """
            1. Save your work and connect the Mac to power.
            2. Open the Apple menu  → **System Settings** → **General** → **Software Update**.
            3. Click **Update Now** (or **Upgrade Now** for a new major version) and enter your password.
            4. Let the Mac restart; the check updates after the next scan.
            """,
            "x-apple.systempreferences:com.apple.Software-Update-Settings.extension"),
        Win32: new(
            "Update Windows",
            Why,
            """
            1. Save your work and connect the computer to power.
            2. Open **Start → Settings → Windows Update** and click **Check for updates**.
            3. Click **Download & install all** (and install any offered feature update, such as a newer Windows 11 version).
            4. Click **Restart now** when asked; the check updates after the next scan.
            """,
            "ms-settings:windowsupdate"),
        LinuxGnome: new(
            "Update your Linux system",
            Why,
            """
            1. **Ubuntu 24.04**: open **Software Updater** and click **Install Now**, or run `sudo apt update && sudo apt full-upgrade`. For a newer release, run `sudo do-release-upgrade`.
            2. **Fedora 40**: open **Software → Updates** and click **Restart & Update**, or run `sudo dnf upgrade --refresh`. A newer Fedora release is offered at the top of **Software → Updates** (**Download**, then **Restart & Upgrade**).
            3. Restart when asked; the check updates after the next scan.
            """,
            null),
        LinuxKde: new(
            "Update your Linux system",
            Why,
            """
            1. Open **Discover → Updates** and click **Update All** (or run `sudo apt update && sudo apt full-upgrade` on Ubuntu, `sudo dnf upgrade --refresh` on Fedora).
            2. For a newer release: Discover offers it on the **Updates** page; on Kubuntu you can also run `sudo do-release-upgrade`.
            3. Restart when asked; the check updates after the next scan.
            """,
            null));
}
