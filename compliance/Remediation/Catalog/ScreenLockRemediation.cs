using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Remediation.Catalog;

internal static class ScreenLockRemediation
{
    private const string Why = "A screen that locks when you step away stops anyone nearby from using your open session.";

    public static readonly RemediationEntry Entry = new(
        CheckIds.ScreenLock,
        Darwin: new(
            "Require a password when the screen locks",
            Why,
            """
            1. Open the Apple menu  → **System Settings** → **Lock Screen**.
            2. Set **Require password after screen saver begins or display is turned off** to **Immediately** (or the shortest delay IT allows).
            3. Make sure your account has a password under **Users & Groups**.
            """,
            "x-apple.systempreferences:com.apple.Lock-Screen-Settings.extension"),
        Win32: new(
            "Require sign-in when you come back",
            Why,
            """
            1. Open **Start → Settings → Accounts → Sign-in options**.
            2. Under **Additional settings**, set **If you've been away, when should Windows require you to sign in again?** to **When PC wakes up from sleep** (or **Every Time**).
            3. Open **Settings → Personalization → Lock screen → Screen saver**, choose a screen saver and tick **On resume, display logon screen**.
            4. Press **Windows + L** whenever you leave the computer.
            """,
            "ms-settings:signinoptions"),
        LinuxGnome: new(
            "Turn on automatic screen lock",
            Why,
            """
            1. Open **Settings → Privacy & Security → Screen Lock** (on some versions: **Settings → Privacy → Screen Lock**).
            2. Turn **Automatic Screen Lock** on and set **Automatic Screen Lock Delay** to **Screen Turns Off**.
            3. Or in a terminal: `gsettings set org.gnome.desktop.screensaver lock-enabled true` and `gsettings set org.gnome.desktop.screensaver lock-delay 0`.
            """,
            null),
        LinuxKde: new(
            "Turn on automatic screen lock",
            Why,
            """
            1. Open **System Settings → Security & Privacy → Screen Locking** (on older Plasma: **Workspace Behavior → Screen Locking**).
            2. Tick **Lock screen automatically** and **Lock after waking from sleep**.
            3. Set **Delay before password required** to **Immediately** and click **Apply**.
            """,
            null));
}
