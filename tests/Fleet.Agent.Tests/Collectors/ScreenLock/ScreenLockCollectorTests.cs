using Fleet.Agent.Collectors;
using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Collectors.ScreenLock;
using Fleet.Agent.Tests.Support;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Tests.Collectors.ScreenLock;

public sealed class ScreenLockCollectorTests
{
    private static CollectorContext Context(FakeCommandRunner commands, FakeFileReader files, Dictionary<string, string> environment) =>
        new(commands, files, name => environment.GetValueOrDefault(name), "/home/ann");

    [Fact]
    public async Task NoDesktopSession_IsUnsupportedWithReason_AndGsettingsIsNotAsked()
    {
        var commands = new FakeCommandRunner();

        var facts = await new ScreenLockCollector(Context(commands, new FakeFileReader(), [])).CollectAsync(Platform.Linux, CancellationToken.None);

        Assert.Equal(FactState.Unsupported, facts.Lock.State);
        Assert.Contains("no desktop session", facts.Lock.Reason);
        Assert.Empty(commands.Calls);
    }

    [Fact]
    public async Task GnomeSession_ReadsGsettings()
    {
        var commands = new FakeCommandRunner()
            .On("gsettings get org.gnome.desktop.screensaver lock-enabled", CommandResult.Exited(0, "true\n"))
            .On("gsettings get org.gnome.desktop.session idle-delay", CommandResult.Exited(0, "uint32 600\n"))
            .On("gsettings get org.gnome.desktop.screensaver lock-delay", CommandResult.Exited(0, "uint32 0\n"));
        var environment = new Dictionary<string, string> { ["XDG_CURRENT_DESKTOP"] = "ubuntu:GNOME", ["WAYLAND_DISPLAY"] = "wayland-0" };

        var facts = await new ScreenLockCollector(Context(commands, new FakeFileReader(), environment)).CollectAsync(Platform.Linux, CancellationToken.None);

        Assert.Equal(FactState.On, facts.Lock.State);
        Assert.Equal(600, facts.IdleSeconds.Value);
    }

    [Fact]
    public async Task KdeSession_ReadsKscreenlockerrcFromXdgConfigHome()
    {
        var files = new FakeFileReader().With("/cfg/kscreenlockerrc", Fixture.Text("ScreenLock/linux/kscreenlockerrc-autolock-off"));
        var environment = new Dictionary<string, string> { ["XDG_CURRENT_DESKTOP"] = "KDE", ["XDG_CONFIG_HOME"] = "/cfg" };

        var facts = await new ScreenLockCollector(Context(new FakeCommandRunner(), files, environment)).CollectAsync(Platform.Linux, CancellationToken.None);

        Assert.Equal(FactState.Off, facts.Lock.State);
    }

    [Fact]
    public async Task OtherDesktopWithoutGnomeOrKdeSettings_IsUnknownNamingTheDesktop()
    {
        var environment = new Dictionary<string, string> { ["XDG_CURRENT_DESKTOP"] = "XFCE", ["DISPLAY"] = ":0" };

        var facts = await new ScreenLockCollector(Context(new FakeCommandRunner(), new FakeFileReader(), environment)).CollectAsync(Platform.Linux, CancellationToken.None);

        Assert.Equal(FactState.Unknown, facts.Lock.State);
        Assert.Contains("XFCE", facts.Lock.Reason);
    }
}
