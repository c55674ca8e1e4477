using Fleet.Agent.Collectors.Files;
using Fleet.Agent.Collectors.Firewall;
using Fleet.Agent.Collectors.Systemd;
using Fleet.Agent.Tests.Support;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Tests.Collectors.Firewall;

public sealed class FirewallParserTests
{
    private static IReadOnlyDictionary<string, string> States(string ufw = "inactive", string firewalld = "inactive", string nftables = "inactive", string persistent = "inactive") =>
        new Dictionary<string, string> { ["ufw"] = ufw, ["firewalld"] = firewalld, ["nftables"] = nftables, ["netfilter-persistent"] = persistent };

    private static FileReadResult File(string fixture) => FileReadResult.Of(Fixture.Text($"Firewall/linux/{fixture}"));

    [Fact]
    public void Ufw_EnabledAndActive_IsOn()
    {
        var fact = LinuxFirewallParser.Parse(new(File("ufw.conf-enabled"), States(ufw: "active"), null, File("proc-modules-nftables")));

        Assert.Equal(FactState.On, fact.State);
        Assert.Contains("ufw", fact.Reason);
    }

    [Fact]
    public void Firewalld_ActiveFromSystemctlOutput_IsOn()
    {
        var states = SystemctlParser.ParseIsActive(LinuxFirewallEvidence.Units, Fixture.Text("Firewall/linux/systemctl-is-active-firewalld.txt"));

        var fact = LinuxFirewallParser.Parse(new(FileReadResult.Missing(), states, null, File("proc-modules-nftables")));

        Assert.Equal(FactState.On, fact.State);
        Assert.Contains("firewalld", fact.Reason);
    }

    // Debian's stock nftables.conf has empty chains with policy accept: the active service filtered nothing yet passed.
    [Fact]
    public void NftablesActive_StockRulesetWithoutFiltering_IsOff()
    {
        var evidence = new LinuxFirewallEvidence(FileReadResult.Missing(), States(nftables: "active"), null, File("proc-modules-nftables"))
        {
            NftablesConf = File("nftables.conf-debian-default"),
        };

        var fact = LinuxFirewallParser.Parse(evidence);

        Assert.Equal(FactState.Off, fact.State);
        Assert.Contains("no filtering rule", fact.Reason);
    }

    [Fact]
    public void NftablesActive_InputPolicyDrop_IsOn()
    {
        var evidence = new LinuxFirewallEvidence(FileReadResult.Missing(), States(nftables: "active"), null, File("proc-modules-nftables"))
        {
            NftablesConf = File("nftables.conf-filtering"),
        };

        Assert.Equal(FactState.On, LinuxFirewallParser.Parse(evidence).State);
    }

    [Fact]
    public void NftablesActive_RulesetNotReadable_IsUnknown()
    {
        var evidence = new LinuxFirewallEvidence(FileReadResult.Missing(), States(nftables: "active"), null, File("proc-modules-nftables"))
        {
            NftablesConf = FileReadResult.Denied(),
        };

        var fact = LinuxFirewallParser.Parse(evidence);

        Assert.Equal(FactState.Unknown, fact.State);
        Assert.Contains("not readable", fact.Reason);
    }

    [Fact]
    public void NftablesActive_RulesetOnlyIncludesOthers_IsUnknown()
    {
        var evidence = new LinuxFirewallEvidence(FileReadResult.Missing(), States(nftables: "active"), null, File("proc-modules-nftables"))
        {
            NftablesConf = File("nftables.conf-include"),
        };

        Assert.Equal(FactState.Unknown, LinuxFirewallParser.Parse(evidence).State);
    }

    [Theory]
    [InlineData("rules.v4-accept-all", FactState.Off)]
    [InlineData("rules.v4-filtering", FactState.On)]
    public void NetfilterPersistentActive_DecidedByTheSavedRules(string rules, FactState expected)
    {
        var evidence = new LinuxFirewallEvidence(FileReadResult.Missing(), States(persistent: "active"), null, File("proc-modules-nftables"))
        {
            IptablesRules = [File(rules), FileReadResult.Missing()],
        };

        Assert.Equal(expected, LinuxFirewallParser.Parse(evidence).State);
    }

    // rules.v4 is often 0640 root: then it cannot be known whether it filters.
    [Fact]
    public void NetfilterPersistentActive_RulesNotReadable_IsUnknown()
    {
        var evidence = new LinuxFirewallEvidence(FileReadResult.Missing(), States(persistent: "active"), null, File("proc-modules-nftables"))
        {
            IptablesRules = [FileReadResult.Denied(), FileReadResult.Missing()],
        };

        Assert.Equal(FactState.Unknown, LinuxFirewallParser.Parse(evidence).State);
    }

    [Fact]
    public void UfwDisabled_NoServiceNoModules_IsOff()
    {
        var fact = LinuxFirewallParser.Parse(new(File("ufw.conf-disabled"), States(), null, File("proc-modules-none")));

        Assert.Equal(FactState.Off, fact.State);
        Assert.Contains("ENABLED=no", fact.Reason);
    }

    [Fact]
    public void NetfilterModulesAlone_AreWeakEvidence_Unknown()
    {
        var fact = LinuxFirewallParser.Parse(new(FileReadResult.Missing(), States(), null, File("proc-modules-nftables")));

        Assert.Equal(FactState.Unknown, fact.State);
        Assert.Contains("weak evidence", fact.Reason);
    }

    [Fact]
    public void NoSystemdAndNoProcModules_IsUnknownWithBothReasons()
    {
        var fact = LinuxFirewallParser.Parse(new(FileReadResult.Missing(), null, "`systemctl is-active` exited 1: System has not been booted with systemd", FileReadResult.Missing()));

        Assert.Equal(FactState.Unknown, fact.State);
        Assert.Contains("systemd", fact.Reason);
        Assert.Contains("/proc/modules", fact.Reason);
    }

    [Fact]
    public void UfwEnabledButServiceInactive_IsOff()
    {
        Assert.Equal(FactState.Off, LinuxFirewallParser.Parse(new(File("ufw.conf-enabled"), States(), null, File("proc-modules-none"))).State);
    }

    [Fact]
    public void SystemctlWithoutSystemd_GivesNoStates()
    {
        Assert.Null(SystemctlParser.ParseIsActive(LinuxFirewallEvidence.Units, ""));
    }

    [Theory]
    [InlineData("socketfilterfw-enabled.txt", FactState.On)]
    [InlineData("socketfilterfw-disabled.txt", FactState.Off)]
    [InlineData("socketfilterfw-block-all.txt", FactState.On)]
    public void SocketFilter_GlobalState_MapsToFact(string fixture, FactState expected)
    {
        Assert.Equal(expected, MacFirewallParser.ParseSocketFilter(Fixture.Text($"Firewall/darwin/{fixture}")).State);
    }

    [Fact]
    public void AlfDefaults_GlobalState1_IsOn()
    {
        Assert.Equal(FactState.On, MacFirewallParser.ParseGlobalState(Fixture.Text("Firewall/darwin/alf-globalstate-1.txt")).State);
    }

    [Theory]
    [InlineData("netsh-all-on.txt", FactState.On)]
    [InlineData("netsh-public-off.txt", FactState.Off)]
    [InlineData("netsh-german.txt", FactState.On)]
    [InlineData("netsh-french.txt", FactState.Unknown)]
    public void Netsh_AllProfiles_MustBeOn(string fixture, FactState expected)
    {
        Assert.Equal(expected, NetshFirewallParser.Parse(Fixture.Text($"Firewall/win32/{fixture}")).State);
    }
}
