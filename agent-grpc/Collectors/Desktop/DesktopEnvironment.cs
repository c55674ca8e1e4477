using Fleet.Compliance.Remediation;

namespace Fleet.Agent.Collectors.Desktop;

/// <summary>Which Linux desktop is in use, so screen-lock collection and remediation directions follow it.</summary>
public static class DesktopEnvironment
{
    /// <summary>The variables that name the desktop, most specific first (a user service may lack the first).</summary>
    public static readonly IReadOnlyList<string> Variables = ["XDG_CURRENT_DESKTOP", "XDG_SESSION_DESKTOP", "DESKTOP_SESSION"];

    /// <summary>For remediation directions: GNOME's apply to its family, KDE's to KDE; the rest have none yet.</summary>
    public static LinuxDesktop Detect(string? xdgCurrentDesktop) => DetectSession(xdgCurrentDesktop) switch
    {
        LinuxSession.Kde => LinuxDesktop.Kde,
        LinuxSession.Gnome => LinuxDesktop.Gnome,
        _ => LinuxDesktop.Unknown,
    };

    /// <summary>
    /// XDG_CURRENT_DESKTOP is a colon-separated list such as "ubuntu:GNOME", "X-Cinnamon" or "sway".
    /// Desktops built on GNOME list it too ("Budgie:GNOME"), so the specific names are matched first.
    /// </summary>
    public static LinuxSession DetectSession(string? desktopNames)
    {
        var names = (desktopNames ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToUpperInvariant())
            .ToList();
        if (names.Count == 0)
        {
            return LinuxSession.None;
        }
        bool Has(params string[] candidates) => names.Any(candidates.Contains);
        return Has("X-CINNAMON", "CINNAMON") ? LinuxSession.Cinnamon
            : Has("MATE") ? LinuxSession.Mate
            : Has("XFCE") ? LinuxSession.Xfce
            : Has("LXQT") ? LinuxSession.Lxqt
            : Has("SWAY") ? LinuxSession.Sway
            : Has("HYPRLAND") ? LinuxSession.Hyprland
            : Has("KDE", "PLASMA") ? LinuxSession.Kde
            : Has("GNOME", "UNITY", "BUDGIE", "PANTHEON", "UBUNTU") ? LinuxSession.Gnome
            : LinuxSession.Other;
    }
}
