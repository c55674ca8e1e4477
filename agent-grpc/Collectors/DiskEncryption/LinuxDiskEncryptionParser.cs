using System.Text.Json;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.DiskEncryption;

/// <summary>
/// Linux storage is encrypted when every mounted data filesystem is: one on a dm-crypt device (LUKS, also
/// under LVM), a ZFS dataset with native encryption, or an eCryptfs mount. A plain /home next to an
/// encrypted / is Off. A plain filesystem other than / that holds the user's home counts when the home
/// itself is encrypted (eCryptfs or fscrypt). Boot, EFI, snap images and removable media are not data.
/// </summary>
public static partial class LinuxDiskEncryptionParser
{
    private static readonly HashSet<string> DataFileSystems = new(StringComparer.Ordinal)
    {
        "ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "f2fs", "jfs", "reiserfs", "bcachefs", "nilfs2", "ecryptfs",
    };

    public static Fact Parse(LinuxEncryptionEvidence evidence)
    {
        List<(string Name, string? FsType, List<string> MountPoints, string? Crypt)> devices;
        try
        {
            devices = LsblkDevices(evidence.Lsblk);
        }
        catch (JsonException)
        {
            return Fact.Unknown("lsblk output is not valid JSON");
        }
        if (devices.Count == 0 && !evidence.Lsblk.Contains("blockdevices", StringComparison.Ordinal))
        {
            return Fact.Unknown("lsblk output has no blockdevices list");
        }

        var mounts = new List<LinuxMount>();
        foreach (var device in devices)
        {
            foreach (var point in device.MountPoints.Where(IsDataMountPoint))
            {
                if (device.FsType is { } type && !DataFileSystems.Contains(type))
                {
                    continue;
                }
                mounts.Add(device.Crypt is null
                    ? new LinuxMount(point, MountProtection.Plain, $"{point} is on {device.Name} ({device.FsType ?? "unknown filesystem"}) with no dm-crypt device beneath it")
                    : new LinuxMount(point, MountProtection.Encrypted, $"{point} is on {device.Name}, inside dm-crypt device {device.Crypt}"));
            }
        }
        var deviceNames = devices.Where(d => d.MountPoints.Any(IsDataMountPoint)).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var ecryptfsHome = false;
        foreach (var (source, point, type) in ProcMounts(evidence.Mounts ?? ""))
        {
            if (!IsDataMountPoint(point) || !DataFileSystems.Contains(type) || mounts.Any(m => m.MountPoint == point))
            {
                continue;
            }
            if (type == "ecryptfs")
            {
                mounts.Add(new LinuxMount(point, MountProtection.Encrypted, $"{point} is an eCryptfs mount"));
                ecryptfsHome |= point == evidence.HomeDirectory.TrimEnd('/');
            }
            else if (type == "zfs")
            {
                mounts.Add(evidence.ZfsEncryption.TryGetValue(source, out var encryption)
                    ? encryption is "off" or "-" or ""
                        ? new LinuxMount(point, MountProtection.Plain, $"{point} is ZFS dataset {source} with encryption off")
                        : new LinuxMount(point, MountProtection.Encrypted, $"{point} is ZFS dataset {source} with native encryption ({encryption})")
                    : new LinuxMount(point, MountProtection.Unknown, $"{point} is ZFS dataset {source}, whose encryption is not readable ({evidence.ZfsUnreadableReason ?? "zfs get gave no answer"})"));
            }
            else if (!deviceNames.Contains(Path.GetFileName(source)))
            {
                // A bind mount of a device lsblk already showed is that device; anything else is not known.
                mounts.Add(new LinuxMount(point, MountProtection.Unknown, $"{point} ({type} on {source}) is not a block device lsblk lists"));
            }
        }

        if (mounts.Count == 0)
        {
            return Fact.Unknown("no data filesystem is mounted from a block device (container, overlay or network root)");
        }
        var homeEncrypted = ecryptfsHome || FscryptEncrypted(evidence.HomeAttributes);
        // The filesystem beneath the home folder (for eCryptfs, beneath its own mount at the home folder).
        var holdingHome = mounts.Where(m => IsUnder(evidence.HomeDirectory, m.MountPoint) && m.Protection != MountProtection.Encrypted)
            .MaxBy(m => m.MountPoint.Length);
        var decided = mounts.Select(m => m.Protection == MountProtection.Plain && homeEncrypted && m == holdingHome && m.MountPoint != "/"
            ? m with { Protection = MountProtection.Encrypted, Evidence = $"{m.MountPoint} is plain, but the home folder on it is encrypted ({(ecryptfsHome ? "eCryptfs" : "fscrypt")})" }
            : m).ToList();

        var plain = decided.Where(m => m.Protection == MountProtection.Plain).ToList();
        if (plain.Count > 0)
        {
            return Fact.Off(string.Join("; ", plain.Select(m => m.Evidence)));
        }
        var unknown = decided.Where(m => m.Protection == MountProtection.Unknown).ToList();
        if (unknown.Count > 0)
        {
            return Fact.Unknown(string.Join("; ", unknown.Select(m => m.Evidence)));
        }
        return Fact.On(string.Join("; ", decided.Select(m => m.Evidence)));
    }

    /// <summary>Where data lives: not boot/EFI, swap, snap images, removable media, or files a container runtime binds into /etc.</summary>
    public static bool IsDataMountPoint(string point) =>
        point.StartsWith('/')
        && !(point is "/boot" or "/efi" || point.StartsWith("/boot/", StringComparison.Ordinal)
            || point.StartsWith("/snap/", StringComparison.Ordinal) || point.StartsWith("/var/snap/", StringComparison.Ordinal)
            || point.StartsWith("/media/", StringComparison.Ordinal) || point.StartsWith("/run/media/", StringComparison.Ordinal)
            || point.StartsWith("/proc/", StringComparison.Ordinal) || point.StartsWith("/sys/", StringComparison.Ordinal)
            || point.StartsWith("/dev/", StringComparison.Ordinal) || point.StartsWith("/etc/", StringComparison.Ordinal));

    /// <summary>`lsattr -d` prints the flags first; E marks an encrypted (fscrypt) folder.</summary>
    public static bool FscryptEncrypted(string? lsattr)
    {
        var flags = lsattr?.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return flags is not null && flags.Contains('E', StringComparison.Ordinal) && flags.All(c => c == '-' || char.IsLetter(c));
    }

    /// <summary>source, mount point, type of each line of /proc/self/mounts (octal escapes such as \040 decoded).</summary>
    public static IEnumerable<(string Source, string MountPoint, string Type)> ProcMounts(string mounts)
    {
        foreach (var line in mounts.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 3)
            {
                yield return (Unescape(fields[0]), Unescape(fields[1]), fields[2]);
            }
        }
    }

    private static bool IsUnder(string path, string mountPoint) =>
        mountPoint == "/" || path == mountPoint || path.StartsWith(mountPoint.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static string Unescape(string field) =>
        OctalEscape().Replace(field, m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());

    [System.Text.RegularExpressions.GeneratedRegex(@"\\([0-7]{3})")]
    private static partial System.Text.RegularExpressions.Regex OctalEscape();

    private static List<(string Name, string? FsType, List<string> MountPoints, string? Crypt)> LsblkDevices(string json)
    {
        var devices = new List<(string, string?, List<string>, string?)>();
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("blockdevices", out var roots) && roots.ValueKind == JsonValueKind.Array)
        {
            foreach (var root in roots.EnumerateArray())
            {
                Walk(root, null);
            }
        }
        return devices;

        void Walk(JsonElement device, string? crypt)
        {
            if (device.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            var name = Text(device, "name") ?? "?";
            crypt = Text(device, "type") == "crypt" ? name : crypt;
            devices.Add((name, Text(device, "fstype"), MountPoints(device), crypt));
            if (device.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array)
            {
                foreach (var child in children.EnumerateArray())
                {
                    Walk(child, crypt);
                }
            }
        }
    }

    private static List<string> MountPoints(JsonElement device)
    {
        if (device.TryGetProperty("mountpoints", out var many) && many.ValueKind == JsonValueKind.Array)
        {
            return many.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!).ToList();
        }
        return Text(device, "mountpoint") is { } one ? [one] : [];
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
