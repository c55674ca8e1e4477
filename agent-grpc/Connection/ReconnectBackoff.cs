namespace Fleet.Agent.Connection;

/// <summary>
/// Delay before reconnect attempt n: the ceiling doubles from <see cref="Initial"/> up to
/// <see cref="Maximum"/>, and the delay is drawn between half the ceiling and the ceiling ("equal
/// jitter"), so a fleet that lost its server does not come back in one synchronized wave.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan maximum, Random random)
{
    public TimeSpan Initial { get; } = initial;
    public TimeSpan Maximum { get; } = maximum;

    public static ReconnectBackoff Default() => new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), Random.Shared);

    /// <param name="attempt">0 for the first retry after a failure.</param>
    public TimeSpan Delay(int attempt)
    {
        var exponent = Math.Clamp(attempt, 0, 30);
        var ceiling = Math.Min(Initial.TotalMilliseconds * Math.Pow(2, exponent), Maximum.TotalMilliseconds);
        var half = ceiling / 2;
        return TimeSpan.FromMilliseconds(half + (random.NextDouble() * half));
    }
}
