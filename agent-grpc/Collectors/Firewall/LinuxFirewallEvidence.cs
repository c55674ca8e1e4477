using Fleet.Agent.Collectors.Files;

namespace Fleet.Agent.Collectors.Firewall;

/// <summary>
/// What an unprivileged user can read about a Linux firewall. The live rules (nft list ruleset,
/// iptables -L) need root, so the services that load them and the rule files they load are the evidence.
/// </summary>
public sealed record LinuxFirewallEvidence(
    FileReadResult UfwConf,
    IReadOnlyDictionary<string, string>? UnitStates,
    string? UnitStatesUnreadableReason,
    FileReadResult ProcModules)
{
    public static readonly IReadOnlyList<string> Units = ["ufw", "firewalld", "nftables", "netfilter-persistent"];

    /// <summary>Where nftables.service loads its ruleset from: Debian/Ubuntu, then Fedora/RHEL.</summary>
    public static readonly IReadOnlyList<string> NftablesConfPaths = ["/etc/nftables.conf", "/etc/sysconfig/nftables.conf"];

    /// <summary>The rules netfilter-persistent restores (iptables-save format).</summary>
    public static readonly IReadOnlyList<string> IptablesRulesPaths = ["/etc/iptables/rules.v4", "/etc/iptables/rules.v6"];

    /// <summary>The ruleset file nftables.service loads (the first of <see cref="NftablesConfPaths"/> that exists).</summary>
    public FileReadResult NftablesConf { get; init; } = FileReadResult.Missing();

    /// <summary>rules.v4 and rules.v6, in that order.</summary>
    public IReadOnlyList<FileReadResult> IptablesRules { get; init; } = [FileReadResult.Missing(), FileReadResult.Missing()];
}
