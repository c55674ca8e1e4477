namespace Fleet.Agent.Collectors.Desktop;

/// <summary>The Linux desktop session, as fine as screen-lock collection needs: each keeps its own lock settings.</summary>
public enum LinuxSession
{
    /// <summary>No desktop variables at all: a server or a service without a session.</summary>
    None = 0,
    /// <summary>Variables are set but name no desktop Fleet reads.</summary>
    Other = 1,
    /// <summary>GNOME and the desktops that keep its screensaver schema (Ubuntu, Unity, Budgie, Pantheon).</summary>
    Gnome = 2,
    Kde = 3,
    Xfce = 4,
    Cinnamon = 5,
    Mate = 6,
    Lxqt = 7,
    Sway = 8,
    Hyprland = 9,
}
