namespace Fleet.Compliance.Facts;

/// <summary>Operating system family, named as in the Stethoscope policy format.</summary>
public enum Platform
{
    Unknown = 0,
    Darwin = 1,
    Win32 = 2,
    Linux = 3,
}
