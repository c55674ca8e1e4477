namespace Fleet.Compliance.Evidence;

/// <summary>Pseudo check ids under which history records what is not a policy check.</summary>
public static class HistoryCheckIds
{
    /// <summary>The device's overall status (PASS, NUDGE, FAIL, UNKNOWN).</summary>
    public const string Overall = "$status";

    /// <summary>The agent's connectivity (<see cref="Online"/> / <see cref="Offline"/>).</summary>
    public const string Connectivity = "$online";

    public const string Online = "ONLINE";
    public const string Offline = "OFFLINE";
}
