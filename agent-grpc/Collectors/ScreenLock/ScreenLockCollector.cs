using Fleet.Agent.Collectors.Desktop;
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
        var named = DesktopEnvironment.Variables.Select(context.Environment).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        var session = DesktopEnvironment.DetectSession(named);
        var configHome = context.Environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(context.HomeDirectory, ".config");
        // Each desktop is read from its own settings: another desktop's schema defaults say nothing about this one.
        switch (session)
        {
            case LinuxSession.Gnome:
                return await GsettingsAsync("org.gnome.desktop.screensaver", "org.gnome.desktop.session", "GNOME", named!, cancellationToken).ConfigureAwait(false);
            case LinuxSession.Cinnamon:
                return await GsettingsAsync("org.cinnamon.desktop.screensaver", "org.cinnamon.desktop.session", "Cinnamon", named!, cancellationToken).ConfigureAwait(false);
            case LinuxSession.Kde:
                return KdeScreenLockParser.Parse(context.Files.ReadText(Path.Combine(configHome, "kscreenlockerrc")));
            case LinuxSession.Mate:
                var idleActivation = context.RunAsync("gsettings", ["get", "org.mate.screensaver", "idle-activation-enabled"], cancellationToken);
                var lockEnabled = context.RunAsync("gsettings", ["get", "org.mate.screensaver", "lock-enabled"], cancellationToken);
                var idleDelay = context.RunAsync("gsettings", ["get", "org.mate.session", "idle-delay"], cancellationToken);
                var lockDelay = context.RunAsync("gsettings", ["get", "org.mate.screensaver", "lock-delay"], cancellationToken);
                return MateScreenLockParser.Parse(await idleActivation.ConfigureAwait(false), await lockEnabled.ConfigureAwait(false),
                    await idleDelay.ConfigureAwait(false), await lockDelay.ConfigureAwait(false));
            case LinuxSession.Xfce:
                return XfceScreenLockParser.Parse(context.Files.ReadText(Path.Combine(configHome, "xfce4", "xfconf", "xfce-perchannel-xml", "xfce4-screensaver.xml")));
            case LinuxSession.Lxqt:
                return XscreensaverParser.Parse(context.Files.ReadText(Path.Combine(context.HomeDirectory, ".xscreensaver")), "LXQt");
            case LinuxSession.Sway:
                var sway = context.Files.ReadText(Path.Combine(configHome, "sway", "config"));
                return IdleDaemonParser.ParseSwayConfig(sway.Status == Files.FileReadStatus.Missing ? context.Files.ReadText("/etc/sway/config") : sway);
            case LinuxSession.Hyprland:
                return IdleDaemonParser.ParseHypridle(context.Files.ReadText(Path.Combine(configHome, "hypr", "hypridle.conf")));
            case LinuxSession.Other:
                return ScreenLockFacts.Unknown($"desktop '{named}' is not one whose lock settings Fleet reads (GNOME, KDE, XFCE, Cinnamon, MATE, LXQt, Sway, Hyprland)");
            default:
                var hasDisplay = !string.IsNullOrEmpty(context.Environment("DISPLAY")) || !string.IsNullOrEmpty(context.Environment("WAYLAND_DISPLAY"));
                return hasDisplay
                    ? ScreenLockFacts.Unknown("a display is set but no desktop is named (XDG_CURRENT_DESKTOP, XDG_SESSION_DESKTOP and DESKTOP_SESSION are unset)")
                    : ScreenLockFacts.Unsupported("no desktop session: DISPLAY, WAYLAND_DISPLAY and XDG_CURRENT_DESKTOP are unset");
        }
    }

    private async Task<ScreenLockFacts> GsettingsAsync(string screensaverSchema, string sessionSchema, string label, string named, CancellationToken cancellationToken)
    {
        var lockEnabled = context.RunAsync("gsettings", ["get", screensaverSchema, "lock-enabled"], cancellationToken);
        var idleDelay = context.RunAsync("gsettings", ["get", sessionSchema, "idle-delay"], cancellationToken);
        var lockDelay = context.RunAsync("gsettings", ["get", screensaverSchema, "lock-delay"], cancellationToken);
        return GnomeScreenLockParser.Parse(await lockEnabled.ConfigureAwait(false), await idleDelay.ConfigureAwait(false), await lockDelay.ConfigureAwait(false), label)
            ?? ScreenLockFacts.Unknown($"desktop '{named}': {screensaverSchema} is not installed, so its lock settings cannot be read");
    }

    private async Task<ScreenLockFacts> MacAsync(CancellationToken cancellationToken)
    {
        var status = context.RunAsync("sysadminctl", ["-screenLock", "status"], cancellationToken);
        var idle = context.RunAsync("defaults", ["-currentHost", "read", "com.apple.screensaver", "idleTime"], cancellationToken);
        var pmset = context.RunAsync("pmset", ["-g"], cancellationToken);
        var statusResult = await status.ConfigureAwait(false);
        var lockFact = MacScreenLockParser.ParseSysadminctl(statusResult);
        return new ScreenLockFacts(
            lockFact,
            MacScreenLockParser.EffectiveIdle(lockFact, MacScreenLockParser.ParseLockDelay(statusResult),
                MacScreenLockParser.ParseIdleTime(await idle.ConfigureAwait(false)), await pmset.ConfigureAwait(false)));
    }

    private Task<ScreenLockFacts> WindowsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(WindowsScreenLockParser.Parse(
            context.Registry.Read(WindowsScreenLockParser.DesktopPath),
            context.Registry.Read(WindowsScreenLockParser.DesktopPolicyPath),
            context.Registry.Read(WindowsScreenLockParser.SystemPolicyPath),
            WindowsPowerSettings.Read(context.Registry)));
}
