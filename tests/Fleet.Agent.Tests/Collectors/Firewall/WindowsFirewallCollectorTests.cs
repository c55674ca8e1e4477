using Fleet.Agent.Collectors;
using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Collectors.Firewall;
using Fleet.Agent.Tests.Support;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Tests.Collectors.Firewall;

public sealed class WindowsFirewallCollectorTests
{
    private static Task<Fact> Collect(FakeRegistryReader registry, FakeCommandRunner? commands = null) =>
        new FirewallCollector(new CollectorContext(commands ?? new FakeCommandRunner(), new FakeFileReader(), _ => null, @"C:\Users\ann") { Registry = registry })
            .CollectAsync(Platform.Win32, CancellationToken.None);

    // The registry answers in every language: French netsh output was UNKNOWN, the registry is not.
    [Fact]
    public async Task EveryProfileOnInTheRegistry_IsOn_WithoutAskingNetsh()
    {
        var commands = new FakeCommandRunner();

        var fact = await Collect(new FakeRegistryReader().With("Firewall/win32/registry-profiles-on.txt"), commands);

        Assert.Equal(FactState.On, fact.State);
        Assert.Empty(commands.Calls);
    }

    // A group-policy value overrides the local one.
    [Fact]
    public async Task GroupPolicyTurnsPublicOff_IsOffNamingIt()
    {
        var fact = await Collect(new FakeRegistryReader().With("Firewall/win32/registry-profiles-on.txt", "Firewall/win32/registry-policy-public-off.txt"));

        Assert.Equal(FactState.Off, fact.State);
        Assert.Contains("Public (by group policy)", fact.Reason);
    }

    [Fact]
    public async Task ProfilesNotInTheRegistry_FallBackToNetsh()
    {
        var commands = new FakeCommandRunner().On("netsh advfirewall show allprofiles state", Fixture.Stdout("Firewall/win32/netsh-public-off.txt"));

        Assert.Equal(FactState.Off, (await Collect(new FakeRegistryReader(), commands)).State);
    }
}
