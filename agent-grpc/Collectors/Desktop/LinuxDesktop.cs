namespace Fleet.Agent.Collectors.Desktop;

/// <summary>The Linux desktop in use, so remediation directions can name the right settings panel.</summary>
public enum LinuxDesktopKind
{
    None = 0,
    Gnome = 1,
    Kde = 2,
    Other = 3,
}

public static class LinuxDesktop
{
    /// <summary>XDG_CURRENT_DESKTOP is a colon-separated list such as "ubuntu:GNOME" or "KDE".</summary>
    public static LinuxDesktopKind Detect(string? xdgCurrentDesktop)
    {
        if (string.IsNullOrWhiteSpace(xdgCurrentDesktop))
        {
            return LinuxDesktopKind.None;
        }
        var names = xdgCurrentDesktop.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Equals("KDE", StringComparison.OrdinalIgnoreCase)))
        {
            return LinuxDesktopKind.Kde;
        }
        // Unity, Budgie and Pantheon keep GNOME's screensaver schema, so gsettings directions apply.
        if (names.Any(n => n.Equals("GNOME", StringComparison.OrdinalIgnoreCase) || n.Equals("Unity", StringComparison.OrdinalIgnoreCase)
            || n.Equals("Budgie", StringComparison.OrdinalIgnoreCase) || n.Equals("Pantheon", StringComparison.OrdinalIgnoreCase)))
        {
            return LinuxDesktopKind.Gnome;
        }
        return LinuxDesktopKind.Other;
    }

    /// <summary>The name passed to the remediation catalog: "gnome", "kde", or null.</summary>
    public static string? CatalogName(LinuxDesktopKind kind) => kind switch
    {
        LinuxDesktopKind.Gnome => "gnome",
        LinuxDesktopKind.Kde => "kde",
        _ => null,
    };
}
