using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Remediation.Catalog;

internal static class AutomaticUpdatesRemediation
{
    private const string Why = "Most attacks use flaws that already have a fix; automatic updates install those fixes without you having to remember.";

    public static readonly RemediationEntry Entry = new(
        CheckIds.AutomaticUpdates,
        Darwin: new(
            "Turn on automatic updates",
            Why,
            """
            1. Open the Apple menu  → **System Settings** → **General** → **Software Update**.
            2. Click the **ⓘ** button next to **Automatic updates**.
            3. Turn on **Download new updates when available**, **Install macOS updates**, **Install application updates from the App Store** and **Install Security Responses and system files**.
            4. Click **Done**.
            """,
            "x-apple.systempreferences:com.apple.Software-Update-Settings.extension"),
        Win32: new(
            "Keep Windows Update on",
            Why,
            """
            1. Open **Start → Settings → Windows Update**.
            2. If updates are paused, click **Resume updates**.
            3. Click **Advanced options** and turn on **Receive updates for other Microsoft products**.
            4. Back on **Windows Update**, click **Check for updates** and install what is offered.
            """,
            "ms-settings:windowsupdate"),
        LinuxGnome: new(
            "Turn on automatic updates",
            Why,
            """
            1. **Ubuntu 24.04**: open **Software & Updates → Updates**, set **When there are security updates** to **Download and install automatically**, and **Automatically check for updates** to **Daily**. In a terminal, `sudo apt install unattended-upgrades` makes sure the service is present.
            2. **Fedora 40**: open **Software**, click the menu (☰) → **Preferences**, and turn on **Automatic Updates**.
            3. For unattended installs on Fedora, run `sudo dnf install dnf-automatic`, set `apply_updates = yes` in `/etc/dnf/automatic.conf`, then `sudo systemctl enable --now dnf-automatic.timer`.
            """,
            null),
        LinuxKde: new(
            "Turn on automatic updates",
            Why,
            """
            1. Open **System Settings → System → Software Update** (on some versions: **System Settings → Software Update**).
            2. Set **Update software** to **Automatically** and choose a daily frequency.
            3. **Ubuntu** (Kubuntu 24.04): also run `sudo apt install unattended-upgrades` and `sudo dpkg-reconfigure -plow unattended-upgrades`, answering **Yes**.
            4. **Fedora 40 KDE**: for unattended installs run `sudo dnf install dnf-automatic`, set `apply_updates = yes` in `/etc/dnf/automatic.conf`, then `sudo systemctl enable --now dnf-automatic.timer`.
            """,
            null));
}
