using Fleet.Compliance.Remediation;

namespace Fleet.Agent.Collectors.Desktop;

/// <summary>Which Linux desktop is in use, so screen-lock collection and remediation directions follow it.</summary>
public static class DesktopEnvironment
{
    /// <summary>XDG_CURRENT_DESKTOP is a colon-separated list such as "ubuntu:GNOME" or "KDE".</summary>
    public static LinuxDesktop Detect(string? xdgCurrentDesktop)
    {
        var names = (xdgCurrentDesktop ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Equals("KDE", StringComparison.OrdinalIgnoreCase)))
        {
            return LinuxDesktop.Kde;
        }
        // Unity, Budgie and Pantheon keep GNOME's screensaver schema, so GNOME's directions apply.
        return names.Any(n => n is "GNOME" or "Unity" or "Budgie" or "Pantheon" || n.Equals("gnome", StringComparison.OrdinalIgnoreCase))
            ? LinuxDesktop.Gnome
            : LinuxDesktop.Unknown;
    }
}
