using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Remediation.Catalog;

internal static class FirewallRemediation
{
    private const string Why = "A firewall blocks unsolicited incoming connections, so services on your computer cannot be reached from a café, hotel or conference network.";

    public static readonly RemediationEntry Entry = new(
        CheckIds.Firewall,
        Darwin: new(
            "Turn on the macOS firewall",
            Why,
            """
            1. Open the Apple menu  → **System Settings**.
            2. Click **Network** in the sidebar, then **Firewall**.
            3. Turn **Firewall** on (enter your password if asked).
            4. Optional: click **Options…** and leave **Block all incoming connections** off unless IT asks for it.
            """,
            "x-apple.systempreferences:com.apple.Network-Settings.extension?Firewall"),
        Win32: new(
            "Turn on Microsoft Defender Firewall",
            Why,
            """
            1. Open **Start → Settings → Privacy & security → Windows Security**.
            2. Click **Firewall & network protection**.
            3. For **Domain network**, **Private network** and **Public network**, click the network and turn **Microsoft Defender Firewall** on.
            4. If a setting is greyed out, your device is managed: contact IT.
            """,
            "ms-settings:windowsdefender"),
        LinuxGnome: new(
            "Turn on the firewall",
            Why,
            """
            1. Open a terminal.
            2. **Ubuntu 24.04** (ufw): run `sudo ufw enable`, then check with `sudo ufw status` — it should say `Status: active`.
            3. **Fedora 40** (firewalld): run `sudo systemctl enable --now firewalld`, then check with `sudo firewall-cmd --state` — it should say `running`.
            4. Optional on Ubuntu: install the graphical tool with `sudo apt install gufw` to manage rules.
            """,
            null),
        LinuxKde: new(
            "Turn on the firewall",
            Why,
            """
            1. Open **System Settings → Network → Firewall** (on some versions: **System Settings → Firewall**).
            2. Turn **Firewall enabled** on and enter your password when asked.
            3. If the module is missing, use a terminal: on Ubuntu run `sudo ufw enable`; on Fedora run `sudo systemctl enable --now firewalld`.
            """,
            null));
}
