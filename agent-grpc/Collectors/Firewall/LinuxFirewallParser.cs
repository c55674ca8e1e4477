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
        if (Active("nftables"))
        {
            return Fact.On("nftables.service active (ruleset from /etc/nftables.conf loaded)");
        }
        if (Active("netfilter-persistent"))
        {
            return Fact.On("netfilter-persistent.service active (saved iptables rules loaded)");
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
}
