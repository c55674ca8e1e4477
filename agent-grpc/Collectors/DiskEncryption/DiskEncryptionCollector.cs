using Fleet.Agent.Collectors.Commands;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.DiskEncryption;

/// <summary>Is stored data encrypted: every mounted data filesystem on Linux, FileVault on macOS, BitLocker on C: on Windows.</summary>
public sealed class DiskEncryptionCollector(CollectorContext context)
{
    internal const string BitLockerScript =
        "(New-Object -ComObject Shell.Application).NameSpace('C:').Self.ExtendedProperty('System.Volume.BitLockerProtection')";

    public Task<Fact> CollectAsync(Platform platform, CancellationToken cancellationToken) =>
        FactGuard.RunAsync(platform switch
        {
            Platform.Linux => LinuxAsync,
            Platform.Darwin => MacAsync,
            Platform.Win32 => WindowsAsync,
            _ => _ => Task.FromResult(Fact.Unsupported("unknown platform")),
        }, cancellationToken);

    private async Task<Fact> LinuxAsync(CancellationToken cancellationToken)
    {
        var result = await context.RunAsync("lsblk", ["-J", "-o", "NAME,TYPE,FSTYPE,MOUNTPOINTS"], cancellationToken).ConfigureAwait(false);
        if (result.Outcome == CommandOutcome.Exited && result.ExitCode != 0)
        {
            // util-linux before 2.37 knows only MOUNTPOINT.
            result = await context.RunAsync("lsblk", ["-J", "-o", "NAME,TYPE,FSTYPE,MOUNTPOINT"], cancellationToken).ConfigureAwait(false);
        }
        if (!result.Succeeded)
        {
            return Fact.Unknown(result.Describe("lsblk"));
        }
        var mounts = context.Files.ReadText("/proc/self/mounts");
        var mountText = mounts.Status == Files.FileReadStatus.Read ? mounts.Content : null;

        var datasets = LinuxDiskEncryptionParser.ProcMounts(mountText ?? "")
            .Where(m => m.Type == "zfs" && LinuxDiskEncryptionParser.IsDataMountPoint(m.MountPoint))
            .Select(m => m.Source).Distinct(StringComparer.Ordinal).ToList();
        var zfs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? zfsReason = null;
        if (datasets.Count > 0)
        {
            var get = await context.RunAsync("zfs", ["get", "-H", "-o", "name,value", "encryption", .. datasets], cancellationToken).ConfigureAwait(false);
            foreach (var line in get.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = line.Split('\t');
                if (fields.Length == 2)
                {
                    zfs[fields[0]] = fields[1].Trim();
                }
            }
            zfsReason = get.Succeeded ? null : get.Describe("zfs get encryption");
        }
        var home = context.HomeDirectory;
        var attributes = await context.RunAsync("lsattr", ["-d", home], cancellationToken).ConfigureAwait(false);
        return LinuxDiskEncryptionParser.Parse(new LinuxEncryptionEvidence(
            result.Stdout, mountText, zfs, zfsReason, home, attributes.Succeeded ? attributes.Stdout : null));
    }

    private async Task<Fact> MacAsync(CancellationToken cancellationToken)
    {
        var status = await context.RunAsync("fdesetup", ["status"], cancellationToken).ConfigureAwait(false);
        if (status.Succeeded)
        {
            return FdesetupParser.Parse(status.Stdout);
        }
        // isactive exits 1 when FileVault is off, so its stdout matters more than its exit code.
        var active = await context.RunAsync("fdesetup", ["isactive"], cancellationToken).ConfigureAwait(false);
        return active.Outcome == CommandOutcome.Exited && active.Stdout.Trim() is "true" or "false"
            ? FdesetupParser.ParseIsActive(active.Stdout)
            : Fact.Unknown(status.Describe("fdesetup status"));
    }

    private async Task<Fact> WindowsAsync(CancellationToken cancellationToken)
    {
        var result = await context.RunAsync("powershell", ["-NoProfile", "-NonInteractive", "-Command", BitLockerScript], cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? BitLockerProtectionParser.Parse(result.Stdout) : Fact.Unknown(result.Describe("powershell BitLockerProtection"));
    }
}
