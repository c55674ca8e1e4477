using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Configuration;
using Fleet.Agent.Notifications;
using Fleet.Agent.Tests.Support;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Tests.Notifications;

public sealed class DesktopNotifierTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    [Fact]
    public async Task SameChange_NotifiesOnce_EvenAfterRestart()
    {
        var commands = new FakeCommandRunner().On("notify-send --app-name=Fleet -- Not compliant firewall: off", CommandResult.Exited(0, ""));
        var store = new AgentStore(_folder.Path);

        Assert.True(await new DesktopNotifier(commands, store, Platform.Linux, new ListLogger<DesktopNotifier>()).NotifyOnceAsync("FAIL:firewall", "Not compliant", "firewall: off", CancellationToken.None));
        Assert.False(await new DesktopNotifier(commands, store, Platform.Linux, new ListLogger<DesktopNotifier>()).NotifyOnceAsync("FAIL:firewall", "Not compliant", "firewall: off", CancellationToken.None));
        Assert.Single(commands.Calls);
    }

    [Fact]
    public async Task NoNotifierInstalled_IsLoggedNotThrown()
    {
        var logger = new ListLogger<DesktopNotifier>();

        var shown = await new DesktopNotifier(new FakeCommandRunner(), new AgentStore(_folder.Path), Platform.Linux, logger).NotifyOnceAsync("FAIL:x", "t", "b", CancellationToken.None);

        Assert.False(shown);
        Assert.Contains(logger.Entries, e => e.Event.Id == 401);
    }

    public void Dispose() => _folder.Dispose();
}
