using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Collectors.Systemd;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.AutomaticUpdates;

/// <summary>Do OS updates install by themselves: unattended-upgrades, dnf-automatic, Software Update, Windows Update policy.</summary>
public sealed class AutomaticUpdatesCollector(CollectorContext context)
{
    private const string AptConfDirectory = "/etc/apt/apt.conf.d";

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
        if (context.Files.DirectoryExists(AptConfDirectory))
        {
            var files = context.Files.List(AptConfDirectory, "*")
                .Select(path => (Name: Path.GetFileName(path), Read: context.Files.ReadText(path)))
                .Where(f => f.Read.Status == Files.FileReadStatus.Read)
                .Select(f => (f.Name, f.Read.Content))
                .ToList();
            var status = await context.RunAsync("dpkg-query", ["-W", "-f", "${Status}", "unattended-upgrades"], cancellationToken).ConfigureAwait(false);
            return AptAutoUpgradesParser.Parse(files, AptAutoUpgradesParser.ParsePackageStatus(status), status.Describe("dpkg-query unattended-upgrades"));
        }
        if (context.Files.DirectoryExists("/etc/dnf"))
        {
            var states = new Dictionary<string, string?>(StringComparer.Ordinal);
            string? reason = null;
            foreach (var timer in DnfAutomaticEvidence.Timers)
            {
                // One unit per call: is-enabled prints nothing for a unit that does not exist, so positions would shift.
                var result = await context.RunAsync("systemctl", ["is-enabled", timer], cancellationToken).ConfigureAwait(false);
                states[timer] = result.Outcome == CommandOutcome.Exited ? SystemctlParser.ParseIsEnabled(result.Stdout) ?? MissingUnit(result) : null;
                reason ??= states[timer] is null ? result.Describe("systemctl is-enabled " + timer) : null;
            }
            var conf = context.Files.ReadText("/etc/dnf/automatic.conf");
            if (!conf.Exists)
            {
                conf = context.Files.ReadText("/etc/dnf/dnf5-plugins/automatic.conf");
            }
            return DnfAutomaticParser.Parse(new DnfAutomaticEvidence(states, conf.Status == Files.FileReadStatus.Read ? conf.Content : null, reason));
        }
        return Fact.Unsupported("neither apt nor dnf is present: no known automatic update mechanism to check");
    }

    // "Failed to get unit file state for x.timer: No such file or directory" means the timer is not installed: not enabled.
    private static string? MissingUnit(CommandResult result) =>
        result.Stderr.Contains("No such file or directory", StringComparison.OrdinalIgnoreCase) ? "not-found" : null;

    private async Task<Fact> MacAsync(CancellationToken cancellationToken)
    {
        var check = context.RunAsync("defaults", ["read", "/Library/Preferences/com.apple.SoftwareUpdate", "AutomaticCheckEnabled"], cancellationToken);
        var install = context.RunAsync("defaults", ["read", "/Library/Preferences/com.apple.SoftwareUpdate", "AutomaticallyInstallMacOSUpdates"], cancellationToken);
        return MacSoftwareUpdateParser.Parse(await check.ConfigureAwait(false), await install.ConfigureAwait(false));
    }

    private Task<Fact> WindowsAsync(CancellationToken cancellationToken)
    {
        var evidence = new WindowsUpdateEvidence(
            context.Registry.Read(WindowsUpdateEvidence.AuPolicyPath),
            context.Registry.Read(WindowsUpdateEvidence.UxSettingsPath),
            context.Registry.Read(WindowsUpdateEvidence.UpdateServicePath));
        return Task.FromResult(WindowsUpdatePolicyParser.Parse(evidence, context.Time.GetUtcNow()));
    }
}
