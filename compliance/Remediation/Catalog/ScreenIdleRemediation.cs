using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Remediation.Catalog;

internal static class ScreenIdleRemediation
{
    private const string Why = "The shorter the idle time before the screen locks, the shorter the window in which an unattended computer can be used by someone else.";

    public static readonly RemediationEntry Entry = new(
        CheckIds.ScreenIdle,
        Darwin: new(
            "Lock the screen sooner when idle",
            Why,
            """
            1. Open the Apple menu  → **System Settings** → **Lock Screen**.
            2. Set **Start Screen Saver when inactive**, **Turn display off on battery when inactive** and **Turn display off on power adapter when inactive** to the limit in your policy or less (for example **For 5 minutes**).
            3. Set **Require password after screen saver begins or display is turned off** to **Immediately**.
            """,
            "x-apple.systempreferences:com.apple.Lock-Screen-Settings.extension"),
        Win32: new(
            "Lock the screen sooner when idle",
            Why,
            """
            1. Open **Start → Settings → System → Power & battery** (**Power** on desktops) and expand **Screen, sleep & hibernate timeouts** (**Screen and sleep** on older versions).
            2. Set **Turn my screen off after** (on battery and plugged in) to the limit in your policy or less.
            3. Open **Settings → Personalization → Lock screen → Screen saver**, set **Wait** to the same number of minutes or less and tick **On resume, display logon screen**.
            """,
            "ms-settings:powersleep"),
        LinuxGnome: new(
            "Lock the screen sooner when idle",
            Why,
            """
            1. Open **Settings → Privacy & Security → Screen Lock** (on some versions: **Settings → Privacy → Screen Lock**).
            2. Set **Blank Screen Delay** to the limit in your policy or less, and turn on **Automatic Screen Lock** with the delay **Screen Turns Off**.
            3. Or in a terminal (300 = 5 minutes): `gsettings set org.gnome.desktop.session idle-delay 300`.
            """,
            null),
        LinuxKde: new(
            "Lock the screen sooner when idle",
            Why,
            """
            1. Open **System Settings → Security & Privacy → Screen Locking** (on older Plasma: **Workspace Behavior → Screen Locking**).
            2. Tick **Lock screen automatically** and set **after** to the limit in your policy or less.
            3. Set **Delay before password required** to **Immediately** and click **Apply**.
            """,
            null));
}
