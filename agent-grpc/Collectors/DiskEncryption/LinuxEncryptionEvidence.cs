namespace Fleet.Agent.Collectors.DiskEncryption;

/// <summary>
/// What an unprivileged user can read about Linux storage encryption: the block-device tree
/// (`lsblk -J`), the mount table (/proc/self/mounts), the `encryption` property of mounted ZFS datasets,
/// and the home folder's file attributes (`lsattr -d`, where fscrypt shows as E).
/// </summary>
/// <param name="Lsblk">`lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINTS` output.</param>
/// <param name="Mounts">/proc/self/mounts, or null when unreadable (then only lsblk's mounts are known).</param>
/// <param name="ZfsEncryption">ZFS dataset → its `encryption` value ("off", "aes-256-gcm"…); a dataset missing here is unreadable.</param>
/// <param name="ZfsUnreadableReason">Why `zfs get` gave nothing, when it did not.</param>
/// <param name="HomeDirectory">The user's home folder.</param>
/// <param name="HomeAttributes">`lsattr -d` of the home folder, or null when not readable.</param>
public sealed record LinuxEncryptionEvidence(
    string Lsblk,
    string? Mounts,
    IReadOnlyDictionary<string, string> ZfsEncryption,
    string? ZfsUnreadableReason,
    string HomeDirectory,
    string? HomeAttributes);
