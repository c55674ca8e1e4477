using Fleet.Agent.Protocol;
using Fleet.Compliance.Facts;
using Wire = Fleet.Agent.V1;

namespace Fleet.Agent.Tests.Protocol;

public sealed class FactsMapperTests
{
    private static readonly DeviceFacts Full = new()
    {
        Platform = Platform.Linux,
        Distro = "ubuntu",
        OsName = "Ubuntu",
        OsVersion = "24.04",
        OsBuild = "6.8.0-45-generic",
        Hostname = "ann-laptop",
        Model = "XPS 13 9340",
        Serial = null,
        MachineId = "3d1219c7c4c5404aaa1f6d2a48adfda4",
        AgentVersion = "0.1.0",
        DiskEncryption = Fact.On("/ is on dm_crypt-0"),
        Firewall = Fact.Unknown("netfilter modules loaded — weak evidence"),
        ScreenLock = Fact.Off("lock-enabled false"),
        ScreenIdleSeconds = NumericFact.Of(300, "idle-delay 300 s"),
        RemoteLogin = Fact.Unsupported("test"),
        AutomaticUpdates = Fact.On(),
        Applications = [new InstalledApplication("slack-desktop", "4.41.105"), new InstalledApplication("gpg-pubkey", null)],
    };

    [Fact]
    public void RoundTrip_KeepsEveryFact()
    {
        Assert.Equal(Full, FactsMapper.FromWire(FactsMapper.ToWire(Full)));
    }

    [Fact]
    public void RoundTrip_ThroughBytes_KeepsEveryFact()
    {
        var bytes = Google.Protobuf.MessageExtensions.ToByteArray(FactsMapper.ToWire(Full));

        Assert.Equal(Full, FactsMapper.FromWire(Wire.DeviceFacts.Parser.ParseFrom(bytes)));
    }

    [Fact]
    public void UnknownApplications_StayUnknown_NotAnEmptyList()
    {
        var facts = Full with { Applications = null, ApplicationsUnknownReason = "`dpkg-query` not found" };

        var wire = FactsMapper.ToWire(facts);

        Assert.False(wire.ApplicationsKnown);
        Assert.Equal(facts, FactsMapper.FromWire(wire));
    }

    [Fact]
    public void NeverIdle_OffWithoutValue_DoesNotBecomeZeroSeconds()
    {
        var facts = Full with { ScreenIdleSeconds = new NumericFact(FactState.Off, null, "never") };

        var back = FactsMapper.FromWire(FactsMapper.ToWire(facts));

        Assert.Equal(FactState.Off, back.ScreenIdleSeconds.State);
        Assert.Null(back.ScreenIdleSeconds.Value);
    }

    [Fact]
    public void MissingSubMessage_IsUnknown()
    {
        var back = FactsMapper.FromWire(new Wire.DeviceFacts { Platform = "darwin" });

        Assert.Equal(Platform.Darwin, back.Platform);
        Assert.Equal(FactState.Unknown, back.DiskEncryption.State);
        Assert.Equal(FactState.Unknown, back.ScreenIdleSeconds.State);
    }

    [Theory]
    [InlineData(Platform.Darwin, "darwin")]
    [InlineData(Platform.Win32, "win32")]
    [InlineData(Platform.Linux, "linux")]
    public void Platform_UsesStethoscopeNames(Platform platform, string name)
    {
        Assert.Equal(name, FactsMapper.PlatformName(platform));
        Assert.Equal(platform, FactsMapper.ParsePlatform(name));
    }
}
