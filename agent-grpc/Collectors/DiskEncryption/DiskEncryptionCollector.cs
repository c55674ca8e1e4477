using Fleet.Agent.Collectors.Commands;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.DiskEncryption;

/// <summary>Is the system disk encrypted: dm-crypt under / on Linux, FileVault on macOS, BitLocker on C: on Windows.</summary>
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
        return result.Succeeded ? LsblkRootEncryptionParser.Parse(result.Stdout) : Fact.Unknown(result.Describe("lsblk"));
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
