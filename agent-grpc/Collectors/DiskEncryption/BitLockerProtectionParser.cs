using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.DiskEncryption;

/// <summary>
/// Reads the shell property System.Volume.BitLockerProtection of C: (readable without admin,
/// unlike manage-bde): 1 on, 3 encrypting → on; 2 off; 5 (encrypted, protection suspended: the key
/// sits in the clear on the disk, so anyone holding the laptop can read it) → off; else unknown.
/// </summary>
public static class BitLockerProtectionParser
{
    public static Fact Parse(string stdout) => stdout.Trim() switch
    {
        "1" => Fact.On("BitLocker protection on for C: (1)"),
        "3" => Fact.On("BitLocker encrypting C: (3)"),
        "5" => Fact.Off("BitLocker protection suspended for C: (5): the key is stored unprotected until protection is resumed"),
        "2" => Fact.Off("BitLocker off for C: (2)"),
        "" => Fact.Unknown("BitLockerProtection is empty (BitLocker not available on this edition?)"),
        var other => Fact.Unknown($"BitLockerProtection value {other} is not on or off"),
    };
}
