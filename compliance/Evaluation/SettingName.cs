using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Evaluation;

/// <summary>
/// What a setting is called on a platform, for result details ("FileVault is off",
/// "Automatic updates are on"): users recognise their OS's own names.
/// </summary>
internal sealed record SettingName(string Subject, bool Plural)
{
    public static SettingName For(string checkId, Platform platform) => checkId switch
    {
        CheckIds.DiskEncryption => platform switch
        {
            Platform.Darwin => new("FileVault", false),
            Platform.Win32 => new("BitLocker", false),
            _ => new("Disk encryption", false),
        },
        CheckIds.Firewall => new(platform == Platform.Win32 ? "Microsoft Defender Firewall" : "The firewall", false),
        CheckIds.AutomaticUpdates => new("Automatic updates", true),
        CheckIds.ScreenLock => new("Screen lock", false),
        CheckIds.RemoteLogin => platform == Platform.Win32 ? new("Remote Desktop", false) : new("Remote login", false),
        CheckIds.OpenWifiConnections => new("Keeping open Wi-Fi networks off the remembered list", false),
        _ => new(checkId, false),
    };

    public string Is => Plural ? "are" : "is";
}
