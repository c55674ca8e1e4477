using Fleet.Agent.Collectors.Files;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.Firewall;

/// <summary>
/// Decides the Linux firewall fact from unprivileged evidence. Never On without a firewall service
/// or ufw's own switch; loaded netfilter modules alone are weak evidence (Docker loads them too),
/// so they give Unknown, not On.
/// </summary>
public static class LinuxFirewallParser
{
    public static Fact Parse(LinuxFirewallEvidence evidence)
    {
        var ufwEnabled = UfwEnabled(evidence.UfwConf.Content);
        var states = evidence.UnitStates;
        bool Active(string unit) => states is not null && states.TryGetValue(unit, out var s) && s == "active";

        if (ufwEnabled == true && (states is null || Active("ufw")))
        {
            return Fact.On(states is null ? "ufw enabled (ENABLED=yes in /etc/ufw/ufw.conf; service state not readable)" : "ufw enabled and ufw.service active");
        }
        if (Active("firewalld"))
        {
            return Fact.On("firewalld.service active");
        }
        var services = new List<Fact>();
        if (Active("nftables"))
        {
            services.Add(Nftables(evidence.NftablesConf));
        }
        if (Active("netfilter-persistent"))
        {
            services.Add(NetfilterPersistent(evidence.IptablesRules));
        }
        if (services.FirstOrDefault(f => f.State == FactState.On) is { } loaded)
        {
            return loaded;
        }
        if (services.FirstOrDefault(f => f.State == FactState.Unknown) is { } unclear)
        {
            return unclear;
        }
        if (services.Count > 0 && ufwEnabled != true)
        {
            return Fact.Off(string.Join("; ", services.Select(f => f.Reason)));
        }
        if (ufwEnabled == true)
        {
            return Fact.Off("ufw has ENABLED=yes but ufw.service is not active");
        }

        var modules = LoadedNetfilterModules(evidence.ProcModules.Content);
        if (states is null)
        {
            var why = $"firewall services not readable ({evidence.UnitStatesUnreadableReason ?? "no systemd"})";
            if (evidence.ProcModules.Status != Files.FileReadStatus.Read)
            {
                return Fact.Unknown($"{why}; {evidence.ProcModules.Describe("/proc/modules")}");
            }
            return modules.Count > 0
                ? Fact.Unknown($"{why}; netfilter modules loaded ({string.Join(", ", modules)}) — weak evidence only, rules need root to read")
                : Fact.Off($"{why}; no netfilter module loaded, so no packet filter is active");
        }
        var ufwNote = ufwEnabled == false ? "ufw disabled (ENABLED=no); " : "";
        if (modules.Count > 0)
        {
            return Fact.Unknown($"{ufwNote}no firewall service active, but netfilter modules are loaded ({string.Join(", ", modules)}) — weak evidence only, rules need root to read");
        }
        return Fact.Off($"{ufwNote}no firewall service active (ufw, firewalld, nftables, netfilter-persistent)" +
            (evidence.ProcModules.Status == Files.FileReadStatus.Read ? " and no netfilter module loaded" : ""));
    }

    /// <summary>ENABLED=yes|no in /etc/ufw/ufw.conf; null when absent.</summary>
    public static bool? UfwEnabled(string ufwConf)
    {
        foreach (var rawLine in ufwConf.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith("ENABLED=", StringComparison.Ordinal))
            {
                var value = line["ENABLED=".Length..].Trim().Trim('"', '\'');
                return value.Equals("yes", StringComparison.OrdinalIgnoreCase);
            }
        }
        return null;
    }

    private static List<string> LoadedNetfilterModules(string procModules) =>
        procModules.Split('\n')
            .Select(line => line.Split(' ', 2)[0])
            .Where(name => name is "nf_tables" or "ip_tables" or "ip6_tables")
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static Fact Nftables(FileReadResult conf)
    {
        if (conf.Status == Files.FileReadStatus.Missing)
        {
            return Fact.Unknown("nftables.service active, but its ruleset file (/etc/nftables.conf, /etc/sysconfig/nftables.conf) does not exist");
        }
        if (conf.Status != Files.FileReadStatus.Read)
        {
            return Fact.Unknown("nftables.service active, but its ruleset is not readable as this user: " + conf.Describe("nftables.conf"));
        }
        return RulesetParser.NftablesFilters(conf.Content) switch
        {
            true => Fact.On("nftables.service active, and its ruleset filters incoming traffic"),
            false => Fact.Off("nftables.service active, but its ruleset has no filtering rule (input policy accept, no drop or reject)"),
            null => Fact.Unknown("nftables.service active; its ruleset includes other files and filters nothing itself"),
        };
    }

    private static Fact NetfilterPersistent(IReadOnlyList<FileReadResult> rules)
    {
        if (rules.Any(r => r.Status == Files.FileReadStatus.Read && RulesetParser.IptablesFilters(r.Content)))
        {
            return Fact.On("netfilter-persistent.service active, and its saved iptables rules filter incoming traffic");
        }
        if (rules.FirstOrDefault(r => r.Status is Files.FileReadStatus.Denied or Files.FileReadStatus.Failed) is { } unreadable)
        {
            return Fact.Unknown("netfilter-persistent.service active, but the saved rules are not readable as this user: " + unreadable.Describe("/etc/iptables/rules.v*"));
        }
        return Fact.Off("netfilter-persistent.service active, but /etc/iptables/rules.v4 and rules.v6 hold no filtering rule");
    }
}
