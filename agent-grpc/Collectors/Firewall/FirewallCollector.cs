using Fleet.Agent.Collectors.Systemd;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.Firewall;

/// <summary>Is a host firewall enabled, from what the user can read without root.</summary>
public sealed class FirewallCollector(CollectorContext context)
{
    private const string SocketFilter = "/usr/libexec/ApplicationFirewall/socketfilterfw";

    public Task<Fact> CollectAsync(Platform platform, CancellationToken cancellationToken) =>
        FactGuard.RunAsync(platform switch
        {
            Platform.Linux => LinuxAsync,
            Platform.Darwin => MacAsync,
            Platform.Win32 => WindowsAsync,
            _ => _ => Task.FromResult(Fact.Unsupported("unknown platform")),
        }, cancellationToken);

    private async Task<Fact> LinuxAsync(CancellationToken cancellationToken)
    {
        var units = LinuxFirewallEvidence.Units;
        var systemctl = await context.RunAsync("systemctl", ["is-active", .. units], cancellationToken).ConfigureAwait(false);
        // is-active exits non-zero when no unit is active, so the printed states are read regardless.
        var states = systemctl.Outcome == Commands.CommandOutcome.Exited ? SystemctlParser.ParseIsActive(units, systemctl.Stdout) : null;
        return LinuxFirewallParser.Parse(new LinuxFirewallEvidence(
            context.Files.ReadText("/etc/ufw/ufw.conf"),
            states,
            states is null ? systemctl.Describe("systemctl is-active") : null,
            context.Files.ReadText("/proc/modules"))
        {
            NftablesConf = LinuxFirewallEvidence.NftablesConfPaths.Select(context.Files.ReadText).FirstOrDefault(f => f.Exists) ?? Files.FileReadResult.Missing(),
            IptablesRules = LinuxFirewallEvidence.IptablesRulesPaths.Select(context.Files.ReadText).ToList(),
        });
    }

    private async Task<Fact> MacAsync(CancellationToken cancellationToken)
    {
        var socketFilter = await context.RunAsync(SocketFilter, ["--getglobalstate"], cancellationToken).ConfigureAwait(false);
        if (socketFilter.Succeeded)
        {
            return MacFirewallParser.ParseSocketFilter(socketFilter.Stdout);
        }
        var defaults = await context.RunAsync("defaults", ["read", "/Library/Preferences/com.apple.alf", "globalstate"], cancellationToken).ConfigureAwait(false);
        return defaults.Succeeded
            ? MacFirewallParser.ParseGlobalState(defaults.Stdout)
            : Fact.Unknown($"{socketFilter.Describe("socketfilterfw --getglobalstate")}; {defaults.Describe("defaults read com.apple.alf globalstate")}");
    }

    private async Task<Fact> WindowsAsync(CancellationToken cancellationToken)
    {
        // The registry holds each profile's state in every language; netsh (localized text) only when it does not.
        var profiles = WindowsFirewallRegistryParser.Profiles
            .Select(p => (context.Registry.Read($@"{WindowsFirewallRegistryParser.LocalPath}\{p.Local}"),
                          context.Registry.Read($@"{WindowsFirewallRegistryParser.PolicyPath}\{p.Policy}")))
            .ToList();
        if (WindowsFirewallRegistryParser.Parse(profiles) is { } fact)
        {
            return fact;
        }
        var netsh = await context.RunAsync("netsh", ["advfirewall", "show", "allprofiles", "state"], cancellationToken).ConfigureAwait(false);
        return netsh.Succeeded ? NetshFirewallParser.Parse(netsh.Stdout) : Fact.Unknown(netsh.Describe("netsh advfirewall show allprofiles state"));
    }
}
