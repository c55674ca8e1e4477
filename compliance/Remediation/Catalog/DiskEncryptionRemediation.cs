using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Remediation.Catalog;

internal static class DiskEncryptionRemediation
{
    private const string Why = "If the laptop is lost or stolen, disk encryption keeps everything on it unreadable without your password.";

    private const string LinuxSteps = """
        1. Linux disk encryption (LUKS) is chosen when the system is installed; an existing unencrypted install cannot simply be switched on.
        2. Back up your files (for example with **Déjà Dup / Backups** or to an external drive) and check the backup opens.
        3. Reinstall with encryption: in the **Ubuntu 24.04** installer choose **Advanced features… → Use LVM and encryption**; in the **Fedora 40** installer tick **Encrypt my data** under **Installation Destination**.
        4. Choose a strong passphrase, restore your files, and reinstall the Fleet agent.
        5. Not sure or short of time? Ask IT for help — they can also grant a temporary waiver while you plan the reinstall.
        """;

    public static readonly RemediationEntry Entry = new(
        CheckIds.DiskEncryption,
        Darwin: new(
            "Turn on FileVault",
            Why,
            """
            1. Open the Apple menu  → **System Settings**.
            2. Click **Privacy & Security** in the sidebar and scroll down to **FileVault**.
            3. Click **Turn On…** and enter your password.
            4. Choose how to recover access (your iCloud account or a recovery key); if you create a recovery key, store it as IT instructs.
            5. Keep the Mac plugged in; encryption continues in the background and you can keep working.
            """,
            "x-apple.systempreferences:com.apple.settings.PrivacySecurity.extension?FileVault"),
        Win32: new(
            "Turn on BitLocker",
            Why,
            """
            1. **Windows 11 Pro, Enterprise or Education**: open **Start**, type **Manage BitLocker** and open it (Control Panel → System and Security → BitLocker Drive Encryption).
            2. Next to the operating-system drive (C:), click **Turn on BitLocker** and follow the wizard; save the recovery key to your Microsoft account or where IT tells you.
            3. **Windows 11 Home**: open **Start → Settings → Privacy & security → Device encryption** and turn **Device encryption** on (you must be signed in with a Microsoft account).
            4. Keep the computer plugged in while the drive encrypts; you can keep working.
            """,
            "ms-settings:deviceencryption"),
        LinuxGnome: new("Encrypt your disk", Why, LinuxSteps, null));
}
