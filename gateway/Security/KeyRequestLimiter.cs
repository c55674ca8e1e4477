using System.Threading.RateLimiting;
using Fleet.Hosting.Limits;

namespace Fleet.Gateway.Security;

/// <summary>
/// REST requests per API key per minute (<see cref="LimitsOptions.RequestsPerKeyPerMinute"/>): one key, or one account's
/// runaway script, cannot take the gateway from everyone else. Keyed by the key's id, so an account's keys count apart.
/// </summary>
public sealed class KeyRequestLimiter(LimitsOptions limits) : IDisposable
{
    public const string LimitName = "requestsPerKeyPerMinute";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(keyId =>
        RateLimitPartition.GetFixedWindowLimiter(keyId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.RequestsPerKeyPerMinute,
            Window = Window,
            QueueLimit = 0,
        }));

    public int PerMinute => limits.RequestsPerKeyPerMinute;

    /// <summary>False when the key used up this minute's requests.</summary>
    public bool TryAcquire(string keyId)
    {
        using var lease = _limiter.AttemptAcquire(keyId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
