using Fleet.Agent.Collectors;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Tests.Collectors;

/// <summary>Runs the real collectors on the machine running the tests: no exception, and every gap explained.</summary>
public sealed class FactCollectorOnThisMachineTests
{
    [Fact]
    public async Task LinuxCollectors_OnThisMachine_ReturnValuesOrExplainedUnknowns()
    {
        if (!System.OperatingSystem.IsLinux())
        {
            return;
        }

        var facts = await FactCollector.ForCurrentUser().CollectAsync(CancellationToken.None);

        Assert.Equal(Platform.Linux, facts.Platform);
        Assert.False(string.IsNullOrEmpty(facts.Hostname));
        Assert.False(string.IsNullOrEmpty(facts.OsName));
        foreach (var (name, fact) in new[] { ("disk", facts.DiskEncryption), ("firewall", facts.Firewall), ("screenLock", facts.ScreenLock), ("remoteLogin", facts.RemoteLogin), ("updates", facts.AutomaticUpdates) })
        {
            Assert.True(fact.State is FactState.On or FactState.Off || !string.IsNullOrWhiteSpace(fact.Reason), $"{name}: {fact.State} without a reason");
            Assert.DoesNotContain("collector failed", fact.Reason ?? "");
        }
        Assert.True(facts.ScreenIdleSeconds.State == FactState.On ? facts.ScreenIdleSeconds.Value is not null : !string.IsNullOrWhiteSpace(facts.ScreenIdleSeconds.Reason));
        Assert.True(facts.Applications is not null || !string.IsNullOrWhiteSpace(facts.ApplicationsUnknownReason));
    }

    [Fact]
    public async Task EachLinuxCollector_OnThisMachine_NeverThrows()
    {
        if (!System.OperatingSystem.IsLinux())
        {
            return;
        }
        var context = CollectorContext.ForCurrentUser(TimeSpan.FromSeconds(5));

        var facts = new[]
        {
            await new Fleet.Agent.Collectors.DiskEncryption.DiskEncryptionCollector(context).CollectAsync(Platform.Linux, CancellationToken.None),
            await new Fleet.Agent.Collectors.Firewall.FirewallCollector(context).CollectAsync(Platform.Linux, CancellationToken.None),
            (await new Fleet.Agent.Collectors.ScreenLock.ScreenLockCollector(context).CollectAsync(Platform.Linux, CancellationToken.None)).Lock,
            await new Fleet.Agent.Collectors.RemoteLogin.RemoteLoginCollector(context).CollectAsync(Platform.Linux, CancellationToken.None),
            await new Fleet.Agent.Collectors.AutomaticUpdates.AutomaticUpdatesCollector(context).CollectAsync(Platform.Linux, CancellationToken.None),
        };

        Assert.All(facts, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
    }
}
