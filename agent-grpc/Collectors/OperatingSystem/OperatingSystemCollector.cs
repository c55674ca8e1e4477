using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.OperatingSystem;

/// <summary>Reads OS name/version/build, hostname, model, serial and machine id without admin rights.</summary>
public sealed class OperatingSystemCollector(CollectorContext context)
{
    public async Task<OperatingSystemInfo> CollectAsync(Platform platform, string hostname, CancellationToken cancellationToken)
    {
        try
        {
            var info = platform switch
            {
                Platform.Linux => CollectLinux(),
                Platform.Darwin => await CollectMacAsync(cancellationToken).ConfigureAwait(false),
                Platform.Win32 => await CollectWindowsAsync(cancellationToken).ConfigureAwait(false),
                _ => new OperatingSystemInfo { OsName = System.Runtime.InteropServices.RuntimeInformation.OSDescription },
            };
            return info with { Platform = platform, Hostname = hostname };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new OperatingSystemInfo { Platform = platform, Hostname = hostname, OsName = "unknown: " + e.Message };
        }
    }

    private OperatingSystemInfo CollectLinux()
    {
        var osRelease = context.Files.ReadText("/etc/os-release");
        if (!osRelease.Exists)
        {
            osRelease = context.Files.ReadText("/usr/lib/os-release");
        }
        var release = OsReleaseParser.Parse(osRelease.Content);
        var kernel = ReadTrimmed("/proc/sys/kernel/osrelease");
        var machineId = ReadTrimmed("/etc/machine-id") ?? ReadTrimmed("/var/lib/dbus/machine-id") ?? "";
        return new OperatingSystemInfo
        {
            Distro = release?.Id,
            OsName = release?.Name ?? "Linux",
            OsVersion = release?.Version ?? "",
            // The kernel release is what patch-level questions about Linux usually need.
            OsBuild = release?.BuildId ?? kernel,
            // The product name is world-readable; product_serial is root-only, so Serial stays null.
            Model = ReadTrimmed("/sys/class/dmi/id/product_name"),
            Serial = null,
            MachineId = machineId,
        };
    }

    private async Task<OperatingSystemInfo> CollectMacAsync(CancellationToken cancellationToken)
    {
        var swVers = await context.RunAsync("sw_vers", [], cancellationToken).ConfigureAwait(false);
        var version = swVers.Succeeded ? SwVersParser.Parse(swVers.Stdout) : null;
        var ioreg = await context.RunAsync("ioreg", ["-rd1", "-c", "IOPlatformExpertDevice"], cancellationToken).ConfigureAwait(false);
        var (uuid, serial, model) = ioreg.Succeeded ? IoregParser.Parse(ioreg.Stdout) : (null, null, null);
        return new OperatingSystemInfo
        {
            OsName = version?.Name ?? "macOS",
            OsVersion = version?.Version ?? "",
            OsBuild = version?.Build,
            Model = model,
            Serial = serial,
            MachineId = uuid ?? "",
        };
    }

    private Task<OperatingSystemInfo> CollectWindowsAsync(CancellationToken cancellationToken)
    {
        var version = WindowsCurrentVersionParser.Parse(context.Registry.Read(@"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"));
        var guid = context.Registry.Read(@"HKLM\SOFTWARE\Microsoft\Cryptography")?["MachineGuid"]?.Data;
        var bios = context.Registry.Read(@"HKLM\HARDWARE\DESCRIPTION\System\BIOS")?["SystemProductName"]?.Data;
        return Task.FromResult(new OperatingSystemInfo
        {
            OsName = version?.Name ?? "Windows",
            OsVersion = version?.Version ?? System.Environment.OSVersion.Version.ToString(),
            OsBuild = version?.Build,
            Model = bios,
            // The BIOS serial needs WMI (a slow PowerShell start); left out rather than slowing every scan.
            Serial = null,
            MachineId = guid ?? "",
        });
    }

    private string? ReadTrimmed(string path)
    {
        var read = context.Files.ReadText(path);
        var text = read.Content.Trim();
        return read.Status == Files.FileReadStatus.Read && text.Length > 0 ? text : null;
    }
}
