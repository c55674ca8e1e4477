using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Remediation.Catalog;

internal static class OpenWifiRemediation
{
    private const string Why = "A remembered open network joins by itself wherever a network of that name appears, and anyone can set one up to watch your traffic.";

    private const string NetworkManager =
        """
        1. Open **Settings → Wi-Fi** (GNOME) or **System Settings → Wi-Fi & Networking** (KDE).
        2. For each saved network without a password (a café, a hotel, an airport), open it and choose **Forget**.
        3. In a terminal, `nmcli -f NAME,TYPE connection show` lists the rest; remove one with `nmcli connection delete "<name>"`.
        """;

    public static readonly RemediationEntry Entry = new(
        CheckIds.OpenWifiConnections,
        Darwin: new(
            "Forget open Wi-Fi networks",
            Why,
            """
            1. Open the Apple menu  → **System Settings** → **Wi-Fi**.
            2. Click **Advanced…** next to **Known Networks**.
            3. For each network without a lock icon, click **⋯** and choose **Remove From List**, then click **OK**.
            """,
            "x-apple.systempreferences:com.apple.wifi-settings-extension"),
        Win32: new(
            "Forget open Wi-Fi networks",
            Why,
            """
            1. Open **Start → Settings → Network & internet → Wi-Fi → Manage known networks**.
            2. For each network without a password, click **Forget**.
            """,
            "ms-settings:network-wifisettings"),
        LinuxGnome: new("Forget open Wi-Fi networks", Why, NetworkManager, null));
}
