using Fleet.Agent.Collectors.Applications;
using Fleet.Agent.Collectors.Desktop;
using Fleet.Agent.Collectors.DiskEncryption;
using Fleet.Agent.Collectors.Firewall;
using Fleet.Agent.Collectors.OperatingSystem;
using Fleet.Agent.Collectors.RemoteLogin;
using Fleet.Agent.Collectors.ScreenLock;
using Fleet.Agent.Collectors.AutomaticUpdates;
using Fleet.Agent.Collectors.Wifi;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Remediation;

namespace Fleet.Agent.Collectors;

/// <summary>
/// One scan: runs every collector for the current OS in parallel under one time budget and
/// assembles <see cref="DeviceFacts"/>. A collector that has not answered by the deadline is Unknown.
/// </summary>
public sealed class FactCollector(CollectorContext context, FactCollectorOptions options, Func<IReadOnlyList<string>>? policyApplicationFolders = null)
{
    // Collectors stop their commands when the budget token fires; this grace covers the last awaits.
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(250);

    /// <param name="policyApplicationFolders">Read at each scan: the folders the current policy's applications name.</param>
    public static FactCollector ForCurrentUser(FactCollectorOptions? options = null, Func<IReadOnlyList<string>>? policyApplicationFolders = null)
    {
        options ??= new FactCollectorOptions();
        return new FactCollector(CollectorContext.ForCurrentUser(options.CommandTimeout), options, policyApplicationFolders);
    }

    public static Platform CurrentPlatform() =>
        System.OperatingSystem.IsLinux() ? Platform.Linux
        : System.OperatingSystem.IsMacOS() ? Platform.Darwin
        : System.OperatingSystem.IsWindows() ? Platform.Win32
        : Platform.Unknown;

    /// <summary>The Linux desktop in use (for remediation directions); Unknown elsewhere.</summary>
    public LinuxDesktop Desktop =>
        CurrentPlatform() == Platform.Linux ? DesktopEnvironment.Detect(context.Environment("XDG_CURRENT_DESKTOP")) : LinuxDesktop.Unknown;

    public Task<DeviceFacts> CollectAsync(CancellationToken cancellationToken) => CollectAsync(CurrentPlatform(), cancellationToken);

    public async Task<DeviceFacts> CollectAsync(Platform platform, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Budget);
        var token = budget.Token;

        // Task.Run so the synchronous file reads of one collector do not delay the start of the next.
        var os = Task.Run(() => new OperatingSystemCollector(context).CollectAsync(platform, Hostname(), token), token);
        var disk = Task.Run(() => new DiskEncryptionCollector(context).CollectAsync(platform, token), token);
        var firewall = Task.Run(() => new FirewallCollector(context).CollectAsync(platform, token), token);
        var screen = Task.Run(() => new ScreenLockCollector(context).CollectAsync(platform, token), token);
        var remote = Task.Run(() => new RemoteLoginCollector(context).CollectAsync(platform, token), token);
        var updates = Task.Run(() => new AutomaticUpdatesCollector(context).CollectAsync(platform, token), token);
        var appContext = policyApplicationFolders is null ? context : context with { ApplicationFolders = policyApplicationFolders() };
        var apps = Task.Run(() => new ApplicationsCollector(appContext).CollectAsync(platform, token), token);
        var wifi = Task.Run(() => new OpenWifiCollector(context).CollectAsync(platform, token), token);

        var all = Task.WhenAll(os, disk, firewall, screen, remote, updates, apps, wifi);
        await Task.WhenAny(all, Task.Delay(options.Budget + Grace, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        var late = $"did not finish within the {options.Budget.TotalSeconds:0.#} s scan budget";
        var osInfo = Finished(os, _ => new OperatingSystemInfo { Platform = platform, Hostname = Hostname() }, late);
        var screenFacts = Finished(screen, ScreenLockFacts.Unknown, late);
        var inventory = Finished(apps, ApplicationInventory.Unknown, late);
        return new DeviceFacts
        {
            Platform = platform,
            Distro = osInfo.Distro,
            OsName = osInfo.OsName,
            OsVersion = osInfo.OsVersion,
            OsBuild = osInfo.OsBuild,
            Hostname = osInfo.Hostname,
            Model = osInfo.Model,
            Serial = osInfo.Serial,
            MachineId = osInfo.MachineId,
            AgentVersion = AgentVersion.Current,
            DiskEncryption = Finished(disk, Fact.Unknown, late),
            Firewall = Finished(firewall, Fact.Unknown, late),
            ScreenLock = screenFacts.Lock,
            ScreenIdleSeconds = screenFacts.IdleSeconds,
            RemoteLogin = Finished(remote, Fact.Unknown, late),
            AutomaticUpdates = Finished(updates, Fact.Unknown, late),
            OpenWifiConnections = Finished(wifi, Fact.Unknown, late),
            Applications = inventory.Applications,
            ApplicationsUnknownReason = inventory.UnknownReason,
        };
    }

    private static T Finished<T>(Task<T> task, Func<string, T> unknown, string late) =>
        task.IsCompletedSuccessfully ? task.Result
        : task.IsFaulted ? unknown("collector failed: " + task.Exception?.GetBaseException().Message)
        : unknown(late);

    private static string Hostname()
    {
        try
        {
            return System.Net.Dns.GetHostName();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return System.Environment.MachineName;
        }
    }
}
