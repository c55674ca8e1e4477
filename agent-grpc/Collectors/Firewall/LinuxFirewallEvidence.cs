using Fleet.Agent.Collectors.Files;

namespace Fleet.Agent.Collectors.Firewall;

/// <summary>
/// What an unprivileged user can read about a Linux firewall. The rules themselves (nft list
/// ruleset, iptables -L) need root, so the services that load them are the evidence.
/// </summary>
public sealed record LinuxFirewallEvidence(
    FileReadResult UfwConf,
    IReadOnlyDictionary<string, string>? UnitStates,
    string? UnitStatesUnreadableReason,
    FileReadResult ProcModules)
{
    public static readonly IReadOnlyList<string> Units = ["ufw", "firewalld", "nftables", "netfilter-persistent"];
}
