using Fleet.Agent.Collectors.DiskEncryption;
using Fleet.Agent.Tests.Support;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Tests.Collectors.DiskEncryption;

public sealed class DiskEncryptionParserTests
{
    [Theory]
    [InlineData("lsblk-luks-lvm.json", FactState.On, "dm_crypt-0")]
    [InlineData("lsblk-fedora-btrfs-luks.json", FactState.On, "luks-1c5e7d3a")]
    [InlineData("lsblk-old-mountpoint.json", FactState.On, "sda5_crypt")]
    [InlineData("lsblk-plain-ext4.json", FactState.Off, "sda2")]
    [InlineData("lsblk-container.json", FactState.Unknown, "no data filesystem is mounted")]
    [InlineData("lsblk-unknown-column.txt", FactState.Unknown, "not valid JSON")]
    public void Lsblk_RootDevice_IsOnlyOnWhenACryptDeviceIsBeneathIt(string fixture, FactState expected, string reason)
    {
        var fact = LinuxDiskEncryptionParser.Parse(Linux(fixture));

        Assert.Equal(expected, fact.State);
        Assert.Contains(reason, fact.Reason);
    }

    private static LinuxEncryptionEvidence Linux(string lsblk, string? mounts = null, string? zfs = null, string? lsattr = null) => new(
        Fixture.Text($"DiskEncryption/linux/{lsblk}"),
        mounts is null ? null : Fixture.Text($"DiskEncryption/linux/{mounts}"),
        zfs is null ? new Dictionary<string, string>() : Fixture.Text($"DiskEncryption/linux/{zfs}").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToDictionary(f => f[0], f => f[1]),
        zfs is null ? "`zfs` not found" : null,
        "/home/ann",
        lsattr is null ? null : Fixture.Text($"DiskEncryption/linux/{lsattr}"));

    // Only / was looked at: a plain /home partition next to an encrypted / passed.
    [Fact]
    public void Linux_EncryptedRoot_PlainHomePartition_IsOff()
    {
        var fact = LinuxDiskEncryptionParser.Parse(Linux("lsblk-luks-root-plain-home.json", "mounts-luks-root-plain-home.txt", lsattr: "lsattr-home-plain.txt"));

        Assert.Equal(FactState.Off, fact.State);
        Assert.Contains("/home is on nvme0n1p4", fact.Reason);
    }

    // Ubuntu's encrypted-home option: the plain /home holds the user's home as an eCryptfs mount.
    [Fact]
    public void Linux_EncryptedRoot_PlainHomePartition_EcryptfsHome_IsOn()
    {
        var fact = LinuxDiskEncryptionParser.Parse(Linux("lsblk-luks-root-plain-home.json", "mounts-ecryptfs-home.txt"));

        Assert.Equal(FactState.On, fact.State);
        Assert.Contains("eCryptfs", fact.Reason);
    }

    [Fact]
    public void Linux_EncryptedRoot_PlainHomePartition_FscryptHome_IsOn()
    {
        var fact = LinuxDiskEncryptionParser.Parse(Linux("lsblk-luks-root-plain-home.json", "mounts-luks-root-plain-home.txt", lsattr: "lsattr-home-fscrypt.txt"));

        Assert.Equal(FactState.On, fact.State);
        Assert.Contains("fscrypt", fact.Reason);
    }

    // An encrypted home does not make a plain / (system files, /tmp, /var) encrypted.
    [Fact]
    public void Linux_PlainRoot_FscryptHome_IsOff()
    {
        var fact = LinuxDiskEncryptionParser.Parse(Linux("lsblk-plain-ext4.json", null, lsattr: "lsattr-home-fscrypt.txt"));

        Assert.Equal(FactState.Off, fact.State);
    }

    // Ubuntu's ZFS installer with encryption: no dm-crypt anywhere, yet every dataset is encrypted.
    [Fact]
    public void Linux_ZfsNativeEncryption_IsOn()
    {
        var fact = LinuxDiskEncryptionParser.Parse(Linux("lsblk-zfs.json", "mounts-zfs.txt", "zfs-get-encryption.txt"));

        Assert.Equal(FactState.On, fact.State);
        Assert.Contains("native encryption (aes-256-gcm)", fact.Reason);
    }

    [Fact]
    public void Linux_ZfsWithoutEncryption_IsOff()
    {
        var evidence = Linux("lsblk-zfs.json", "mounts-zfs.txt", "zfs-get-encryption.txt");
        var plain = evidence with { ZfsEncryption = evidence.ZfsEncryption.ToDictionary(p => p.Key, p => p.Key.Contains("USERDATA") ? "off" : p.Value) };

        var fact = LinuxDiskEncryptionParser.Parse(plain);

        Assert.Equal(FactState.Off, fact.State);
        Assert.Contains("/home/ann", fact.Reason);
    }

    [Fact]
    public void Linux_ZfsEncryptionUnreadable_IsUnknownNotOn()
    {
        var fact = LinuxDiskEncryptionParser.Parse(Linux("lsblk-zfs.json", "mounts-zfs.txt"));

        Assert.Equal(FactState.Unknown, fact.State);
        Assert.Contains("not found", fact.Reason);
    }

    [Theory]
    [InlineData("fdesetup-on.txt", FactState.On)]
    [InlineData("fdesetup-off.txt", FactState.Off)]
    [InlineData("fdesetup-encrypting.txt", FactState.On)]
    [InlineData("fdesetup-deferred.txt", FactState.Off)]
    [InlineData("fdesetup-not-root.txt", FactState.Unknown)]
    public void Fdesetup_Status_MapsToFact(string fixture, FactState expected)
    {
        var fact = FdesetupParser.Parse(Fixture.Text($"DiskEncryption/darwin/{fixture}"));

        Assert.Equal(expected, fact.State);
        Assert.False(string.IsNullOrEmpty(fact.Reason));
    }

    [Theory]
    [InlineData("bitlocker-on.txt", FactState.On)]
    [InlineData("bitlocker-off.txt", FactState.Off)]
    [InlineData("bitlocker-home-edition.txt", FactState.Unknown)]
    public void BitLockerProtection_Value_MapsToFact(string fixture, FactState expected)
    {
        Assert.Equal(expected, BitLockerProtectionParser.Parse(Fixture.Text($"DiskEncryption/win32/{fixture}")).State);
    }

    // Suspended protection leaves the volume key in the clear on the disk: encrypted bytes, no protection.
    [Fact]
    public void BitLockerProtection_Suspended_IsOff()
    {
        var fact = BitLockerProtectionParser.Parse(Fixture.Text("DiskEncryption/win32/bitlocker-suspended.txt"));

        Assert.Equal(FactState.Off, fact.State);
        Assert.Contains("suspended", fact.Reason);
    }

    [Fact]
    public void BitLockerProtection_UnexpectedValue_IsUnknownNotOn()
    {
        Assert.Equal(FactState.Unknown, BitLockerProtectionParser.Parse("0").State);
    }
}
