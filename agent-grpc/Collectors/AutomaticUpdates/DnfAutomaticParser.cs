using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.AutomaticUpdates;

/// <summary>
/// Fedora/RHEL: dnf-automatic-install.timer installs by itself; dnf-automatic.timer (and dnf5's
/// dnf5-automatic.timer) installs only when automatic.conf says apply_updates = yes — its default is to download only.
/// </summary>
public static class DnfAutomaticParser
{
    public static Fact Parse(DnfAutomaticEvidence evidence)
    {
        bool Enabled(string timer) => evidence.TimerStates.TryGetValue(timer, out var state) && state == "enabled";
        if (Enabled(DnfAutomaticEvidence.InstallTimer))
        {
            return Fact.On($"{DnfAutomaticEvidence.InstallTimer} enabled");
        }
        var timer = Enabled(DnfAutomaticEvidence.Timer) ? DnfAutomaticEvidence.Timer : Enabled(DnfAutomaticEvidence.Dnf5Timer) ? DnfAutomaticEvidence.Dnf5Timer : null;
        if (timer is not null)
        {
            return ApplyUpdates(evidence.AutomaticConf) switch
            {
                true => Fact.On($"{timer} enabled with apply_updates = yes"),
                false => Fact.Off($"{timer} enabled but apply_updates is not yes (updates are downloaded, not installed)"),
                null => Fact.Unknown($"{timer} enabled but automatic.conf is not readable"),
            };
        }
        if (evidence.TimerStates.Values.All(s => s is null))
        {
            return Fact.Unknown(evidence.UnreadableReason ?? "dnf-automatic timer state not readable");
        }
        return Fact.Off("no dnf-automatic timer is enabled");
    }

    /// <summary>[commands] apply_updates = yes|no (also True/False, 1/0). Null when the file is unreadable.</summary>
    public static bool? ApplyUpdates(string? automaticConf)
    {
        if (automaticConf is null)
        {
            return null;
        }
        var section = "";
        foreach (var rawLine in automaticConf.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1].Trim();
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (section == "commands" && equals > 0 && line[..equals].Trim() == "apply_updates")
            {
                return line[(equals + 1)..].Trim().ToLowerInvariant() is "yes" or "true" or "1" or "on";
            }
        }
        return false;
    }
}
