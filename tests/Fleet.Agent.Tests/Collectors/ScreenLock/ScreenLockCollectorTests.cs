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

    private static Task<ScreenLockFacts> Linux(Dictionary<string, string> environment, FakeFileReader? files = null, FakeCommandRunner? commands = null) =>
        new ScreenLockCollector(Context(commands ?? new FakeCommandRunner(), files ?? new FakeFileReader(), environment)).CollectAsync(Platform.Linux, CancellationToken.None);

    /// <summary>gsettings answering with GNOME's schema defaults (lock on, 300 s), as it does on any desktop with the schema installed.</summary>
    private static FakeCommandRunner GnomeDefaults() => new FakeCommandRunner()
        .On("gsettings get org.gnome.desktop.screensaver lock-enabled", CommandResult.Exited(0, "true\n"))
        .On("gsettings get org.gnome.desktop.session idle-delay", CommandResult.Exited(0, "uint32 300\n"))
        .On("gsettings get org.gnome.desktop.screensaver lock-delay", CommandResult.Exited(0, "uint32 0\n"));

    // GNOME's defaults answered for XFCE before: an XFCE laptop with no locker passed.
    [Theory]
    [InlineData("XFCE")]
    [InlineData("LXQt")]
    [InlineData("Hyprland")]
    [InlineData("i3")]
    public async Task NonGnomeDesktop_NeverReadsGnomeSettings(string desktop)
    {
        var commands = GnomeDefaults();

        var facts = await Linux(new() { ["XDG_CURRENT_DESKTOP"] = desktop, ["DISPLAY"] = ":0" }, commands: commands);

        Assert.Equal(FactState.Unknown, facts.Lock.State);
        Assert.DoesNotContain(commands.Calls, c => c.Contains("org.gnome", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Xfce_ReadsXfce4ScreensaverChannel()
    {
        var files = new FakeFileReader().With("/home/ann/.config/xfce4/xfconf/xfce-perchannel-xml/xfce4-screensaver.xml", Fixture.Text("ScreenLock/linux/xfce4-screensaver-10min.xml"));

        var facts = await Linux(new() { ["XDG_CURRENT_DESKTOP"] = "XFCE" }, files);

        Assert.Equal(FactState.On, facts.Lock.State);
        Assert.Equal(660, facts.IdleSeconds.Value);
    }

    [Fact]
    public async Task Xfce_LockDisabled_IsOff()
    {
        var files = new FakeFileReader().With("/home/ann/.config/xfce4/xfconf/xfce-perchannel-xml/xfce4-screensaver.xml", Fixture.Text("ScreenLock/linux/xfce4-screensaver-lock-off.xml"));

        Assert.Equal(FactState.Off, (await Linux(new() { ["XDG_CURRENT_DESKTOP"] = "XFCE" }, files)).Lock.State);
    }

    [Fact]
    public async Task Cinnamon_ReadsItsOwnSchema()
    {
        var commands = GnomeDefaults()
            .On("gsettings get org.cinnamon.desktop.screensaver lock-enabled", CommandResult.Exited(0, "false\n"))
            .On("gsettings get org.cinnamon.desktop.session idle-delay", CommandResult.Exited(0, "uint32 600\n"))
            .On("gsettings get org.cinnamon.desktop.screensaver lock-delay", CommandResult.Exited(0, "uint32 0\n"));

        var facts = await Linux(new() { ["XDG_CURRENT_DESKTOP"] = "X-Cinnamon" }, commands: commands);

        Assert.Equal(FactState.Off, facts.Lock.State);
        Assert.Contains("Cinnamon", facts.Lock.Reason);
    }

    [Fact]
    public async Task Mate_DelaysAreMinutes()
    {
        var commands = new FakeCommandRunner()
            .On("gsettings get org.mate.screensaver idle-activation-enabled", CommandResult.Exited(0, "true\n"))
            .On("gsettings get org.mate.screensaver lock-enabled", CommandResult.Exited(0, "true\n"))
            .On("gsettings get org.mate.session idle-delay", CommandResult.Exited(0, "10\n"))
            .On("gsettings get org.mate.screensaver lock-delay", CommandResult.Exited(0, "0\n"));

        var facts = await Linux(new() { ["XDG_CURRENT_DESKTOP"] = "MATE" }, commands: commands);

        Assert.Equal(FactState.On, facts.Lock.State);
        Assert.Equal(600, facts.IdleSeconds.Value);
    }

    [Theory]
    [InlineData("xscreensaver-lock-10min", FactState.On)]
    [InlineData("xscreensaver-no-lock", FactState.Off)]
    public async Task Lxqt_ReadsXscreensaver(string fixture, FactState expected)
    {
        var files = new FakeFileReader().With("/home/ann/.xscreensaver", Fixture.Text($"ScreenLock/linux/{fixture}"));

        var facts = await Linux(new() { ["XDG_CURRENT_DESKTOP"] = "LXQt" }, files);

        Assert.Equal(expected, facts.Lock.State);
        if (expected == FactState.On)
        {
            Assert.Equal(630, facts.IdleSeconds.Value);
        }
    }

    [Theory]
    [InlineData("sway-config", FactState.On)]
    [InlineData("sway-config-default", FactState.Off)]
    public async Task Sway_ReadsSwayidleFromItsConfig(string fixture, FactState expected)
    {
        var files = new FakeFileReader().With("/home/ann/.config/sway/config", Fixture.Text($"ScreenLock/linux/{fixture}"));

        var facts = await Linux(new() { ["XDG_CURRENT_DESKTOP"] = "sway" }, files);

        Assert.Equal(expected, facts.Lock.State);
        if (expected == FactState.On)
        {
            Assert.Equal(300, facts.IdleSeconds.Value);
        }
    }

    // Only a listener that locks counts: the 150 s dimming one does not.
    [Fact]
    public async Task Hyprland_ReadsHypridleListeners()
    {
        var files = new FakeFileReader().With("/home/ann/.config/hypr/hypridle.conf", Fixture.Text("ScreenLock/linux/hypridle.conf"));

        var facts = await Linux(new() { ["XDG_CURRENT_DESKTOP"] = "Hyprland" }, files);

        Assert.Equal(FactState.On, facts.Lock.State);
        Assert.Equal(300, facts.IdleSeconds.Value);
    }

    // A user service may lack XDG_CURRENT_DESKTOP; XDG_SESSION_DESKTOP still names the desktop.
    [Fact]
    public async Task DesktopNamedOnlyBySessionVariable_IsRecognised()
    {
        var facts = await Linux(new() { ["XDG_SESSION_DESKTOP"] = "gnome" }, commands: GnomeDefaults());

        Assert.Equal(FactState.On, facts.Lock.State);
    }
}
