using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.OperatingSystem;

/// <summary>Identity of the machine and its OS. Fields that cannot be read without admin rights stay null.</summary>
public sealed record OperatingSystemInfo
{
    public Platform Platform { get; init; }
    public string? Distro { get; init; }
    public string OsName { get; init; } = "";
    public string OsVersion { get; init; } = "";
    public string? OsBuild { get; init; }
    public string Hostname { get; init; } = "";
    public string? Model { get; init; }
    public string? Serial { get; init; }
    public string MachineId { get; init; } = "";
}
