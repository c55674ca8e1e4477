using System.Threading.RateLimiting;

namespace Fleet.Gateway.Security;

/// <summary>
/// Slows down key guessing: each client address may fail authentication a limited number of times per window;
/// past that, every keyed request from it is refused with 429 until the window ends, without looking the key up.
/// </summary>
public sealed class AuthFailureLimiter(int failuresPerWindow, TimeSpan window) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = failuresPerWindow,
            Window = window,
            QueueLimit = 0,
        }));

    public TimeSpan Window => window;

    public bool IsBlocked(string address) => _limiter.GetStatistics(address)?.CurrentAvailablePermits == 0;

    public void RecordFailure(string address)
    {
        using var lease = _limiter.AttemptAcquire(address);
    }

    public void Dispose() => _limiter.Dispose();
}
