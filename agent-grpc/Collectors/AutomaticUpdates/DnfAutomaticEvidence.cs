namespace Fleet.Agent.Collectors.AutomaticUpdates;

/// <summary>`systemctl is-enabled` of the dnf-automatic timers (null when unreadable) and automatic.conf.</summary>
public sealed record DnfAutomaticEvidence(
    IReadOnlyDictionary<string, string?> TimerStates,
    string? AutomaticConf,
    string? UnreadableReason)
{
    public const string InstallTimer = "dnf-automatic-install.timer";
    public const string Timer = "dnf-automatic.timer";
    public const string Dnf5Timer = "dnf5-automatic.timer";
    public static readonly IReadOnlyList<string> Timers = [InstallTimer, Timer, Dnf5Timer];
}
