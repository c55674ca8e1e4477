using Fleet.Compliance.Facts;

namespace Fleet.Compliance.Policy;

/// <summary>The platform keys a policy may use: the three OS families and Linux distro ids (os-release ID).</summary>
public static class PlatformKeys
{
    public const string Darwin = "darwin";
    public const string Win32 = "win32";
    public const string Linux = "linux";
    /// <summary>Stethoscope: applies to every device that no more specific key matches.</summary>
    public const string All = "all";
    /// <summary>Stethoscope: Windows on AWS WorkSpaces. Accepted; Fleet does not detect WorkSpaces yet, so it matches no device.</summary>
    public const string AwsWorkspace = "awsWorkspace";

    public static readonly IReadOnlyList<string> Families = [Darwin, Win32, Linux];

    /// <summary>
    /// Distro ids we know. Other well-formed ids are accepted too (so a less common distro can be
    /// targeted), unless they are one typo away from a known key — then they are reported as a typo.
    /// </summary>
    public static readonly IReadOnlyList<string> KnownDistros =
    [
        "ubuntu", "debian", "fedora", "rhel", "centos", "rocky", "almalinux", "ol", "amzn",
        "opensuse-leap", "opensuse-tumbleweed", "sles", "arch", "manjaro", "endeavouros", "linuxmint",
        "pop", "elementary", "zorin", "kali", "raspbian", "neon", "alpine", "gentoo", "nixos", "void",
    ];

    public static string? KeyFor(Platform platform) => platform switch
    {
        Platform.Darwin => Darwin,
        Platform.Win32 => Win32,
        Platform.Linux => Linux,
        _ => null,
    };

    public static bool IsFamily(string key) => key is Darwin or Win32 or Linux;
}
