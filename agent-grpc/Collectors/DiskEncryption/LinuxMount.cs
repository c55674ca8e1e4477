namespace Fleet.Agent.Collectors.DiskEncryption;

/// <summary>How one mounted data filesystem is protected.</summary>
public enum MountProtection
{
    Plain = 0,
    Encrypted = 1,
    Unknown = 2,
}

/// <summary>A mounted data filesystem, whether it is encrypted, and the evidence.</summary>
public sealed record LinuxMount(string MountPoint, MountProtection Protection, string Evidence);
