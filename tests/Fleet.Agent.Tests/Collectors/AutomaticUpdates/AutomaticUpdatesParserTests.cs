using Fleet.Agent.Collectors.AutomaticUpdates;
using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Tests.Support;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Tests.Collectors.AutomaticUpdates;

public sealed class AutomaticUpdatesParserTests
{
    private static (string, string) Conf(string fixture, string name) => (name, Fixture.Text($"AutomaticUpdates/linux/{fixture}"));

    [Fact]
    public void Apt_UnattendedUpgradeOneAndPackageInstalled_IsOn()
    {
        var fact = AptAutoUpgradesParser.Parse([Conf("20auto-upgrades-on", "20auto-upgrades"), Conf("50unattended-upgrades", "50unattended-upgrades")], true, null);

        Assert.Equal(FactState.On, fact.State);
        Assert.Contains("20auto-upgrades", fact.Reason);
    }

    [Fact]
    public void Apt_UnattendedUpgradeZero_IsOff()
    {
        Assert.Equal(FactState.Off, AptAutoUpgradesParser.Parse([Conf("20auto-upgrades-off", "20auto-upgrades")], true, null).State);
    }

    [Fact]
    public void Apt_SettingOnlyInAComment_IsNotSet()
    {
        var fact = AptAutoUpgradesParser.Parse([Conf("50unattended-upgrades", "50unattended-upgrades")], true, null);

        Assert.Equal(FactState.Off, fact.State);
        Assert.Contains("not set", fact.Reason);
    }

    [Fact]
    public void Apt_PackageNotInstalled_IsOffEvenWithSetting()
    {
        var notInstalled = CommandResult.Exited(1, "", "dpkg-query: no packages found matching unattended-upgrades\n");

        var fact = AptAutoUpgradesParser.Parse([Conf("20auto-upgrades-on", "20auto-upgrades")], AptAutoUpgradesParser.ParsePackageStatus(notInstalled), null);

        Assert.Equal(FactState.Off, fact.State);
    }

    [Fact]
    public void Apt_LaterFileOverridesEarlierOne()
    {
        var fact = AptAutoUpgradesParser.Parse([Conf("20auto-upgrades-on", "20auto-upgrades"), Conf("20auto-upgrades-off", "99local")], true, null);

        Assert.Equal(FactState.Off, fact.State);
        Assert.Contains("99local", fact.Reason);
    }

    [Fact]
    public void Apt_PackageStateUnknown_IsUnknownNotOn()
    {
        Assert.Equal(FactState.Unknown, AptAutoUpgradesParser.Parse([Conf("20auto-upgrades-on", "20auto-upgrades")], null, "`dpkg-query` not found").State);
    }

    [Fact]
    public void Dnf_InstallTimerEnabled_IsOn()
    {
        var evidence = new DnfAutomaticEvidence(new Dictionary<string, string?> { [DnfAutomaticEvidence.InstallTimer] = "enabled", [DnfAutomaticEvidence.Timer] = "disabled" }, null, null);

        Assert.Equal(FactState.On, DnfAutomaticParser.Parse(evidence).State);
    }

    [Theory]
    [InlineData("automatic.conf-apply", FactState.On)]
    [InlineData("automatic.conf-default", FactState.Off)]
    public void Dnf_TimerEnabled_DependsOnApplyUpdates(string conf, FactState expected)
    {
        var evidence = new DnfAutomaticEvidence(
            new Dictionary<string, string?> { [DnfAutomaticEvidence.InstallTimer] = "not-found", [DnfAutomaticEvidence.Timer] = "enabled" },
            Fixture.Text($"AutomaticUpdates/linux/{conf}"), null);

        Assert.Equal(expected, DnfAutomaticParser.Parse(evidence).State);
    }

    [Fact]
    public void Dnf_TimerStatesUnreadable_IsUnknown()
    {
        var evidence = new DnfAutomaticEvidence(new Dictionary<string, string?> { [DnfAutomaticEvidence.InstallTimer] = null }, null, "`systemctl` not found");

        Assert.Equal(FactState.Unknown, DnfAutomaticParser.Parse(evidence).State);
    }

    [Fact]
    public void Mac_AutomaticInstallOn_IsOn()
    {
        Assert.Equal(FactState.On, MacSoftwareUpdateParser.Parse(CommandResult.Exited(0, "1\n"), CommandResult.Exited(0, "1\n")).State);
    }

    [Fact]
    public void Mac_AutomaticCheckOff_IsOff()
    {
        Assert.Equal(FactState.Off, MacSoftwareUpdateParser.Parse(CommandResult.Exited(0, "0\n"), CommandResult.Exited(0, "1\n")).State);
    }

    [Fact]
    public void Mac_KeysNeverWritten_IsUnknownWithReason()
    {
        var missing = Fixture.Stderr("AutomaticUpdates/darwin/defaults-missing.stderr.txt");

        var fact = MacSoftwareUpdateParser.Parse(missing, missing);

        Assert.Equal(FactState.Unknown, fact.State);
        Assert.Contains("not set", fact.Reason);
    }

    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static WindowsUpdateEvidence Windows(string? auPolicy = null, string? uxSettings = null, string service = "wuauserv-manual.txt") => new(
        auPolicy is null ? null : RegQueryParser.Key($"AutomaticUpdates/win32/{auPolicy}"),
        uxSettings is null ? null : RegQueryParser.Key($"AutomaticUpdates/win32/{uxSettings}"),
        RegQueryParser.Key($"AutomaticUpdates/win32/{service}"));

    [Theory]
    [InlineData("au-noautoupdate.txt", FactState.Off)]
    [InlineData("au-options-4.txt", FactState.On)]
    [InlineData("au-options-3.txt", FactState.Off)]
    public void Windows_Policy_MapsToFact(string fixture, FactState expected)
    {
        Assert.Equal(expected, WindowsUpdatePolicyParser.Parse(Windows(auPolicy: fixture), Now).State);
    }

    [Fact]
    public void Windows_NoPolicyKey_IsTheAutomaticDefault()
    {
        Assert.Equal(FactState.On, WindowsUpdatePolicyParser.Parse(Windows(), Now).State);
    }

    // Pausing in the Settings app writes no policy: without reading the pause the AU-key-absent default passed.
    [Fact]
    public void Windows_NoPolicyKey_ButPausedUntilLater_IsOff()
    {
        var fact = WindowsUpdatePolicyParser.Parse(Windows(uxSettings: "ux-settings-paused.txt"), Now);

        Assert.Equal(FactState.Off, fact.State);
        Assert.Contains("paused until 2026-12-27", fact.Reason);
    }

    // A pause that has run out no longer holds updates back.
    [Fact]
    public void Windows_PauseExpired_IsOn()
    {
        Assert.Equal(FactState.On, WindowsUpdatePolicyParser.Parse(Windows(uxSettings: "ux-settings-paused.txt"), Now.AddMonths(1)).State);
    }

    // A disabled Windows Update service installs nothing, whatever the (absent) policy says.
    [Fact]
    public void Windows_NoPolicyKey_ButServiceDisabled_IsOff()
    {
        var fact = WindowsUpdatePolicyParser.Parse(Windows(service: "wuauserv-disabled.txt"), Now);

        Assert.Equal(FactState.Off, fact.State);
        Assert.Contains("wuauserv", fact.Reason);
    }

    // Even a policy that installs on a schedule cannot install through a disabled service.
    [Fact]
    public void Windows_ScheduledPolicy_ButServiceDisabled_IsOff()
    {
        Assert.Equal(FactState.Off, WindowsUpdatePolicyParser.Parse(Windows(auPolicy: "au-options-4.txt", service: "wuauserv-disabled.txt"), Now).State);
    }

    [Fact]
    public void Windows_ServiceKeyMissing_IsUnknown()
    {
        Assert.Equal(FactState.Unknown, WindowsUpdatePolicyParser.Parse(new WindowsUpdateEvidence(null, null, null), Now).State);
    }
}
