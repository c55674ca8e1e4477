using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Remediation.Catalog;

internal static class RemoteLoginRemediation
{
    private const string Why = "Remote login lets anyone who can reach your computer over the network try to sign in to it; turned off, that door does not exist.";

    public static readonly RemediationEntry Entry = new(
        CheckIds.RemoteLogin,
        Darwin: new(
            "Turn off Remote Login",
            Why,
            """
            1. Open the Apple menu  → **System Settings** → **General** → **Sharing**.
            2. Turn off **Remote Login**.
            3. Unless IT asked you to keep them, also turn off **Screen Sharing** and **Remote Management**.
            """,
            "x-apple.systempreferences:com.apple.Sharing-Settings.extension"),
        Win32: new(
            "Turn off Remote Desktop",
            Why,
            """
            1. Open **Start → Settings → System → Remote Desktop**.
            2. Turn **Remote Desktop** off and click **Confirm**.
            3. If you installed the OpenSSH server, remove it under **Settings → System → Optional features → OpenSSH Server → Remove**.
            """,
            "ms-settings:remotedesktop"),
        LinuxGnome: new(
            "Turn off remote login",
            Why,
            """
            1. Open **Settings → System → Remote Desktop** and turn off **Desktop Sharing** and **Remote Login** (GNOME 46, as in Ubuntu 24.04 and Fedora 40).
            2. Stop the SSH server in a terminal — **Ubuntu**: `sudo systemctl disable --now ssh.socket ssh.service`; **Fedora**: `sudo systemctl disable --now sshd`.
            3. If you do not need it at all, remove it — **Ubuntu**: `sudo apt remove openssh-server`; **Fedora**: `sudo dnf remove openssh-server`.
            """,
            null),
        LinuxKde: new(
            "Turn off remote login",
            Why,
            """
            1. If present, open **System Settings → Remote Desktop** and turn it off.
            2. Stop the SSH server in a terminal — **Ubuntu**: `sudo systemctl disable --now ssh.socket ssh.service`; **Fedora**: `sudo systemctl disable --now sshd`.
            3. If you do not need it at all, remove it — **Ubuntu**: `sudo apt remove openssh-server`; **Fedora**: `sudo dnf remove openssh-server`.
            """,
            null));
}
