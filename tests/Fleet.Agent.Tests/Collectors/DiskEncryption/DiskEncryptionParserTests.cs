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
    [InlineData("lsblk-container.json", FactState.Unknown, "no block device is mounted at /")]
    [InlineData("lsblk-unknown-column.txt", FactState.Unknown, "not valid JSON")]
    public void Lsblk_RootDevice_IsOnlyOnWhenACryptDeviceIsBeneathIt(string fixture, FactState expected, string reason)
    {
        var fact = LsblkRootEncryptionParser.Parse(Fixture.Text($"DiskEncryption/linux/{fixture}"));

        Assert.Equal(expected, fact.State);
        Assert.Contains(reason, fact.Reason);
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
