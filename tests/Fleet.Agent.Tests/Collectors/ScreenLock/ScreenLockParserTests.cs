using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Collectors.Files;
using Fleet.Agent.Collectors.ScreenLock;
using Fleet.Agent.Tests.Support;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Tests.Collectors.ScreenLock;

public sealed class ScreenLockParserTests
{
    private static CommandResult Out(string text) => CommandResult.Exited(0, text + "\n");

    [Fact]
    public void Gnome_LockEnabledWithIdleDelay_IsOnWithIdlePlusLockDelay()
    {
        var facts = GnomeScreenLockParser.Parse(Out("true"), Out("uint32 300"), Out("uint32 30"));

        Assert.NotNull(facts);
        Assert.Equal(FactState.On, facts.Lock.State);
        Assert.Equal(330, facts.IdleSeconds.Value);
    }

    [Fact]
    public void Gnome_IdleDelayZero_NeverLocks()
    {
        var facts = GnomeScreenLockParser.Parse(Out("true"), Out("uint32 0"), Out("uint32 0"))!;

        Assert.Equal(FactState.Off, facts.Lock.State);
        Assert.Equal(FactState.Off, facts.IdleSeconds.State);
        Assert.Null(facts.IdleSeconds.Value);
    }

    [Fact]
    public void Gnome_LockDisabled_IsOff()
    {
        Assert.Equal(FactState.Off, GnomeScreenLockParser.Parse(Out("false"), Out("uint32 300"), Out("uint32 0"))!.Lock.State);
    }

    [Fact]
    public void Gnome_NoSchema_MeansNotGnome()
    {
        var noSchema = Fixture.Stderr("ScreenLock/linux/gsettings-no-schema.stderr.txt");

        Assert.Null(GnomeScreenLockParser.Parse(noSchema, noSchema, noSchema));
    }

    [Fact]
    public void Gnome_GsettingsNotInstalled_MeansNotGnome()
    {
        Assert.Null(GnomeScreenLockParser.Parse(CommandResult.NotFound(), CommandResult.NotFound(), CommandResult.NotFound()));
    }

    [Fact]
    public void Gnome_MemoryBackend_IsUnknownBecauseValuesAreDefaults()
    {
        var warning = Fixture.Text("ScreenLock/linux/gsettings-memory-backend.stderr.txt");
        var facts = GnomeScreenLockParser.Parse(CommandResult.Exited(0, "true\n", warning), Out("uint32 300"), Out("uint32 0"))!;

        Assert.Equal(FactState.Unknown, facts.Lock.State);
        Assert.Contains("memory backend", facts.Lock.Reason);
    }

    [Fact]
    public void Kde_AutolockOff_IsOff()
    {
        var facts = KdeScreenLockParser.Parse(FileReadResult.Of(Fixture.Text("ScreenLock/linux/kscreenlockerrc-autolock-off")));

        Assert.Equal(FactState.Off, facts.Lock.State);
    }

    [Fact]
    public void Kde_Timeout10WithGrace_IsOnWith630Seconds()
    {
        var facts = KdeScreenLockParser.Parse(FileReadResult.Of(Fixture.Text("ScreenLock/linux/kscreenlockerrc-timeout-10")));

        Assert.Equal(FactState.On, facts.Lock.State);
        Assert.Equal(630, facts.IdleSeconds.Value);
    }

    [Fact]
    public void Kde_ImmutableKeys_AreRead()
    {
        var facts = KdeScreenLockParser.Parse(FileReadResult.Of(Fixture.Text("ScreenLock/linux/kscreenlockerrc-immutable")));

        Assert.Equal(185, facts.IdleSeconds.Value);
    }

    [Fact]
    public void Kde_NoConfigFile_UsesKdeDefaultsAndSaysSo()
    {
        var facts = KdeScreenLockParser.Parse(FileReadResult.Missing());

        Assert.Equal(FactState.On, facts.Lock.State);
        Assert.Contains("defaults", facts.Lock.Reason);
        Assert.Equal(305, facts.IdleSeconds.Value);
    }

    [Fact]
    public void Kde_ConfigUnreadable_IsUnknown()
    {
        Assert.Equal(FactState.Unknown, KdeScreenLockParser.Parse(FileReadResult.Denied()).Lock.State);
    }

    [Theory]
    [InlineData("sysadminctl-immediate.stderr.txt", FactState.On)]
    [InlineData("sysadminctl-300.stderr.txt", FactState.On)]
    [InlineData("sysadminctl-off.stderr.txt", FactState.Off)]
    public void MacSysadminctl_StatusOnStderr_MapsToFact(string fixture, FactState expected)
    {
        Assert.Equal(expected, MacScreenLockParser.ParseSysadminctl(Fixture.Stderr($"ScreenLock/darwin/{fixture}", exitCode: 0)).State);
    }

    [Fact]
    public void MacSysadminctl_TimedOut_IsUnknownNeverOn()
    {
        Assert.Equal(FactState.Unknown, MacScreenLockParser.ParseSysadminctl(CommandResult.TimedOut("timed out after 2 s")).State);
    }

    [Fact]
    public void MacIdleTime_NotSet_IsUnknownWithReason()
    {
        var idle = MacScreenLockParser.ParseIdleTime(Fixture.Stderr("ScreenLock/darwin/defaults-idletime-missing.stderr.txt"));

        Assert.Equal(FactState.Unknown, idle.State);
        Assert.Contains("not set", idle.Reason);
    }

    private static NumericFact MacEffective(string status, CommandResult idle, string pmset)
    {
        var sysadminctl = Fixture.Stderr($"ScreenLock/darwin/{status}", exitCode: 0);
        return MacScreenLockParser.EffectiveIdle(MacScreenLockParser.ParseSysadminctl(sysadminctl), MacScreenLockParser.ParseLockDelay(sysadminctl),
            MacScreenLockParser.ParseIdleTime(idle), Fixture.Stdout($"ScreenLock/darwin/{pmset}"));
    }

    // Screen saver at 30 min but the display sleeps at 10 min: the screen locks at 10 min (+ 300 s delay), not 30.
    [Fact]
    public void MacEffectiveIdle_DisplaySleepBeforeScreenSaver_Counts()
    {
        var idle = MacEffective("sysadminctl-300.stderr.txt", Out("1800"), "pmset-g-display-10.txt");

        Assert.Equal(900, idle.Value);
    }

    // The screen saver alone said 5 min; the password delay of 300 s made it 10 min in truth.
    [Fact]
    public void MacEffectiveIdle_AddsThePasswordDelay()
    {
        Assert.Equal(600, MacEffective("sysadminctl-300.stderr.txt", Out("300"), "pmset-g-never.txt").Value);
    }

    // idleTime never written: display sleep still bounds when the screen locks.
    [Fact]
    public void MacEffectiveIdle_ScreenSaverUnset_DisplaySleepIsTheUpperBound()
    {
        var idle = MacEffective("sysadminctl-immediate.stderr.txt", Fixture.Stderr("ScreenLock/darwin/defaults-idletime-missing.stderr.txt"), "pmset-g-display-10.txt");

        Assert.Equal(600, idle.Value);
        Assert.Contains("at most", idle.Reason);
    }

    [Fact]
    public void MacEffectiveIdle_ScreenSaverNeverAndDisplayNeverSleeps_IsNever()
    {
        var idle = MacEffective("sysadminctl-immediate.stderr.txt", Out("0"), "pmset-g-never.txt");

        Assert.Equal(FactState.Off, idle.State);
        Assert.Null(idle.Value);
    }

    [Fact]
    public void MacIdleTime_Seconds_IsTheValue()
    {
        Assert.Equal(600, MacScreenLockParser.ParseIdleTime(Out("600")).Value);
    }

    private static ScreenLockFacts Windows(string? desktop, string? system = null, params string[] power)
    {
        var registry = new FakeRegistryReader().With(["ScreenLock/win32/power-balanced.txt", .. power]);
        return WindowsScreenLockParser.Parse(
            desktop is null ? null : RegQueryParser.Key($"ScreenLock/win32/{desktop}"),
            null,
            system is null ? null : RegQueryParser.Key($"ScreenLock/win32/{system}"),
            WindowsPowerSettings.Read(registry));
    }

    private const string PluggedInNeverLocks = "ScreenLock/win32/power-plugged-in-never.txt";

    [Fact]
    public void Windows_SecureScreenSaver_IsOnWithTimeout()
    {
        var facts = Windows("desktop-secure-600.txt", null, PluggedInNeverLocks);

        Assert.Equal(FactState.On, facts.Lock.State);
        Assert.Equal(600, facts.IdleSeconds.Value);
    }

    [Fact]
    public void Windows_ScreenSaverWithoutSignIn_AndPowerPlanNeverLocksPluggedIn_IsOff()
    {
        Assert.Equal(FactState.Off, Windows("desktop-not-secure.txt", null, PluggedInNeverLocks).Lock.State);
    }

    [Fact]
    public void Windows_InactivityPolicy_LocksEvenWithoutSecureScreenSaver()
    {
        var facts = Windows("desktop-not-secure.txt", "system-inactivity-900.txt", PluggedInNeverLocks);

        Assert.Equal(FactState.On, facts.Lock.State);
        Assert.Equal(900, facts.IdleSeconds.Value);
    }

    // Stethoscope's rule: the display turning off with a password required on wake is a screen lock.
    // The balanced plan's defaults (display off 600 s plugged in, 300 s on battery) lock after 600 s at worst.
    [Fact]
    public void Windows_DisplayOffWithPasswordOnWake_IsOnWithTheWorseOfMainsAndBattery()
    {
        var facts = Windows("desktop-not-secure.txt");

        Assert.Equal(FactState.On, facts.Lock.State);
        Assert.Equal(600, facts.IdleSeconds.Value);
    }

    // The earliest mechanism decides the idle time.
    [Fact]
    public void Windows_SecureScreenSaverAndPowerPlan_TheEarlierCounts()
    {
        var facts = Windows("desktop-secure-600.txt", "system-inactivity-900.txt");

        Assert.Equal(600, facts.IdleSeconds.Value);
    }

    // Display off without a password on wake is only a dark screen.
    [Fact]
    public void Windows_PolicyTurnsOffPasswordOnWake_IsOff()
    {
        Assert.Equal(FactState.Off, Windows("desktop-not-secure.txt", null, "ScreenLock/win32/power-policy-no-password-on-wake.txt").Lock.State);
    }

    [Fact]
    public void Windows_NothingReadable_IsUnknown()
    {
        Assert.Equal(FactState.Unknown, WindowsScreenLockParser.Parse(null, null, null, null).Lock.State);
    }

    // Without the power plan a "no lock" answer would be a guess.
    [Fact]
    public void Windows_NoScreenSaverLock_PowerPlanUnreadable_IsUnknown()
    {
        Assert.Equal(FactState.Unknown, WindowsScreenLockParser.Parse(RegQueryParser.Key("ScreenLock/win32/desktop-not-secure.txt"), null, null, null).Lock.State);
    }
}
