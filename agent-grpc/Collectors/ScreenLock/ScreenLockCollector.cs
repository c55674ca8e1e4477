using Fleet.Agent.Collectors.Desktop;
using Fleet.Compliance.Remediation;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.ScreenLock;

/// <summary>Does the screen lock by itself, and after how long, as the logged-in user sees it.</summary>
public sealed class ScreenLockCollector(CollectorContext context)
{
    public Task<ScreenLockFacts> CollectAsync(Platform platform, CancellationToken cancellationToken) =>
        FactGuard.RunAsync(platform switch
        {
            Platform.Linux => LinuxAsync,
            Platform.Darwin => MacAsync,
            Platform.Win32 => WindowsAsync,
            _ => _ => Task.FromResult(ScreenLockFacts.Unsupported("unknown platform")),
        }, ScreenLockFacts.Unknown, cancellationToken);

    private async Task<ScreenLockFacts> LinuxAsync(CancellationToken cancellationToken)
    {
        var xdgDesktop = context.Environment("XDG_CURRENT_DESKTOP");
        var desktop = DesktopEnvironment.Detect(xdgDesktop);
        var configHome = context.Environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(context.HomeDirectory, ".config");
        var kdeConfig = context.Files.ReadText(Path.Combine(configHome, "kscreenlockerrc"));
        if (desktop == LinuxDesktop.Kde)
        {
            return KdeScreenLockParser.Parse(kdeConfig);
        }

        var hasSession = !string.IsNullOrEmpty(context.Environment("DISPLAY")) || !string.IsNullOrEmpty(context.Environment("WAYLAND_DISPLAY"))
            || !string.IsNullOrEmpty(xdgDesktop);
        var hasDconf = context.Files.ReadText(Path.Combine(configHome, "dconf", "user")).Exists;
        if (!hasSession && !hasDconf && !kdeConfig.Exists)
        {
            // gsettings would answer with schema defaults here, which say nothing about a real desktop.
            return ScreenLockFacts.Unsupported("no desktop session: DISPLAY, WAYLAND_DISPLAY and XDG_CURRENT_DESKTOP are unset and there are no GNOME or KDE settings for this user");
        }

        var lockEnabled = context.RunAsync("gsettings", ["get", "org.gnome.desktop.screensaver", "lock-enabled"], cancellationToken);
        var idleDelay = context.RunAsync("gsettings", ["get", "org.gnome.desktop.session", "idle-delay"], cancellationToken);
        var lockDelay = context.RunAsync("gsettings", ["get", "org.gnome.desktop.screensaver", "lock-delay"], cancellationToken);
        var gnome = GnomeScreenLockParser.Parse(await lockEnabled.ConfigureAwait(false), await idleDelay.ConfigureAwait(false), await lockDelay.ConfigureAwait(false));
        if (gnome is not null)
        {
            return gnome;
        }
        if (kdeConfig.Exists)
        {
            return KdeScreenLockParser.Parse(kdeConfig);
        }
        return ScreenLockFacts.Unknown($"desktop '{xdgDesktop ?? "unknown"}': neither GNOME settings (gsettings) nor KDE's kscreenlockerrc are available");
    }

    private async Task<ScreenLockFacts> MacAsync(CancellationToken cancellationToken)
    {
        var status = context.RunAsync("sysadminctl", ["-screenLock", "status"], cancellationToken);
        var idle = context.RunAsync("defaults", ["-currentHost", "read", "com.apple.screensaver", "idleTime"], cancellationToken);
        return new ScreenLockFacts(
            MacScreenLockParser.ParseSysadminctl(await status.ConfigureAwait(false)),
            MacScreenLockParser.ParseIdleTime(await idle.ConfigureAwait(false)));
    }

    private Task<ScreenLockFacts> WindowsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(WindowsScreenLockParser.Parse(
            context.Registry.Read(WindowsScreenLockParser.DesktopPath),
            context.Registry.Read(WindowsScreenLockParser.DesktopPolicyPath),
            context.Registry.Read(WindowsScreenLockParser.SystemPolicyPath),
            WindowsPowerSettings.Read(context.Registry)));
}
