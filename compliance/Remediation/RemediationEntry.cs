namespace Fleet.Compliance.Remediation;

/// <summary>The directions for one check on every platform. <see cref="LinuxKde"/> is null where KDE does not differ from GNOME.</summary>
internal sealed record RemediationEntry(
    string CheckId,
    Remediation Darwin,
    Remediation Win32,
    Remediation LinuxGnome,
    Remediation? LinuxKde = null);
