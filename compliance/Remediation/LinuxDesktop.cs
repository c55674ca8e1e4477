namespace Fleet.Compliance.Remediation;

/// <summary>The Linux desktop environment, where settings directions differ. Unknown gets GNOME (Ubuntu's and Fedora's default).</summary>
public enum LinuxDesktop
{
    Unknown = 0,
    Gnome = 1,
    Kde = 2,
}
