using Fleet.Agent.Collectors;
using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Collectors.Wifi;
using Fleet.Agent.Tests.Support;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Tests.Collectors.Wifi;

public sealed class OpenWifiCollectorTests
{
    private const string Keychain = "/Library/Keychains/System.keychain";

    private static FakeCommandRunner Mac() => new FakeCommandRunner()
        .On("networksetup -listallhardwareports", Fixture.Stdout("Wifi/darwin/listallhardwareports.txt"))
        .On("networksetup -listpreferredwirelessnetworks en0", Fixture.Stdout("Wifi/darwin/listpreferredwirelessnetworks.txt"));

    private static CommandResult Password() => Fixture.Stdout("Wifi/darwin/security-found.txt");

    private static CommandResult NoPassword() => Fixture.Stderr("Wifi/darwin/security-not-found.stderr.txt", exitCode: MacWifiParser.ItemNotFound);

    private static Task<Fact> Collect(FakeCommandRunner commands, Platform platform = Platform.Darwin) =>
        new OpenWifiCollector(new CollectorContext(commands, new FakeFileReader(), _ => null, "/Users/ann")).CollectAsync(platform, CancellationToken.None);

    // A remembered network without a stored password joins by itself anywhere: that is the open network Stethoscope warns of.
    [Fact]
    public async Task Mac_RememberedNetworkWithoutPassword_IsOffNamingIt()
    {
        var commands = Mac()
            .On($"security find-generic-password -D AirPort network password -a Home 5G {Keychain}", Password())
            .On($"security find-generic-password -D AirPort network password -a Cafe Free WiFi {Keychain}", NoPassword())
            .On($"security find-generic-password -D AirPort network password -a Acme Corp {Keychain}", Password());

        var fact = await Collect(commands);

        Assert.Equal(FactState.Off, fact.State);
        Assert.Contains("\"Cafe Free WiFi\"", fact.Reason);
        Assert.DoesNotContain("Home 5G", fact.Reason);
    }

    [Fact]
    public async Task Mac_EveryRememberedNetworkHasAPassword_IsOn()
    {
        var commands = Mac()
            .On($"security find-generic-password -D AirPort network password -a Home 5G {Keychain}", Password())
            .On($"security find-generic-password -D AirPort network password -a Cafe Free WiFi {Keychain}", Password())
            .On($"security find-generic-password -D AirPort network password -a Acme Corp {Keychain}", Password());

        Assert.Equal(FactState.On, (await Collect(commands)).State);
    }

    // The keychain not answering (here: security missing) must not read as "has a password".
    [Fact]
    public async Task Mac_KeychainUnreadable_IsUnknownNotOn()
    {
        Assert.Equal(FactState.Unknown, (await Collect(Mac())).State);
    }

    [Theory]
    [InlineData(Platform.Linux)]
    [InlineData(Platform.Win32)]
    public async Task OtherPlatforms_AreUnsupported(Platform platform)
    {
        Assert.Equal(FactState.Unsupported, (await Collect(new FakeCommandRunner(), platform)).State);
    }
}
