namespace Fleet.Grains.Alerts;

/// <summary>
/// When to retry a failed delivery: exponential (base × 2^(n-1), capped), with ±<see cref="Jitter"/> so that many
/// failing deliveries do not retry in lock-step; at most <see cref="MaxAttempts"/> attempts in all.
/// </summary>
public sealed record DeliveryBackoff(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, double Jitter = 0.2)
{
    public static DeliveryBackoff Default { get; } = new(6, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5));

    /// <summary>
    /// The wait after failed attempt <paramref name="attempt"/> (1-based), or null when no attempt is left.
    /// <paramref name="random"/> is a number in [0, 1) (injected, so tests are deterministic).
    /// </summary>
    public TimeSpan? DelayAfter(int attempt, double random)
    {
        if (attempt < 1 || attempt >= MaxAttempts)
            return null;
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        var factor = 1 + Jitter * (2 * random - 1);
        return TimeSpan.FromMilliseconds(capped * factor);
    }
}
