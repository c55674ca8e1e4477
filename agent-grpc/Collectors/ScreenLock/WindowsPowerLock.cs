namespace Fleet.Agent.Collectors.ScreenLock;

/// <summary>
/// The active power plan's timeouts in seconds (0 = never; null = unreadable) and whether a password is
/// required on wake (CONSOLELOCK), on mains (AC) and on battery (DC).
/// </summary>
public sealed record WindowsPowerLock(long? DisplayOffAc, long? DisplayOffDc, long? SleepAc, long? SleepDc, bool? LockOnWakeAc, bool? LockOnWakeDc)
{
    /// <summary>
    /// Seconds after which the session locks through the power plan on both power sources (the worse of
    /// the two), or null when one of them never locks this way. As Stethoscope does, a display that turns
    /// off counts like sleep when a password is required on wake.
    /// </summary>
    public long? LockSeconds()
    {
        var ac = Source(DisplayOffAc, SleepAc, LockOnWakeAc);
        var dc = Source(DisplayOffDc, SleepDc, LockOnWakeDc);
        return ac is null || dc is null ? null : Math.Max(ac.Value, dc.Value);
    }

    private static long? Source(long? displayOff, long? sleep, bool? lockOnWake)
    {
        if (lockOnWake != true)
        {
            return null;
        }
        var timeouts = new[] { displayOff, sleep }.Where(t => t is > 0).Select(t => t!.Value).ToList();
        return timeouts.Count == 0 ? null : timeouts.Min();
    }
}
