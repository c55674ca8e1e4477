using Fleet.Gateway.Agents;
using Microsoft.Extensions.Time.Testing;

namespace Fleet.Gateway.Tests.Agents;

/// <summary>The per-device token bucket on a fake clock: reports over the limit wait, they are neither refused nor dropped.</summary>
public sealed class ReportRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    // Proves a device gets its burst at once, then waits for the refill.
    [Fact]
    public async Task Reports_beyond_the_burst_wait_for_the_refill()
    {
        var limiter = new ReportRateLimiter(new AgentOptions { ReportBurst = 2, ReportsPerMinute = 6 }, _time);
        await limiter.WaitAsync("dev_a", CancellationToken.None);
        await limiter.WaitAsync("dev_a", CancellationToken.None);

        var third = limiter.WaitAsync("dev_a", CancellationToken.None).AsTask();
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        await third.WaitAsync(TimeSpan.FromSeconds(10));
    }

    // Proves buckets are per device: one noisy agent does not slow another.
    [Fact]
    public async Task Each_device_has_its_own_bucket()
    {
        var limiter = new ReportRateLimiter(new AgentOptions { ReportBurst = 1, ReportsPerMinute = 1 }, _time);
        await limiter.WaitAsync("dev_a", CancellationToken.None);

        await limiter.WaitAsync("dev_b", CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    // Proves a refilled bucket is forgotten by the sweep, and a used one kept (reconnecting does not reset it).
    [Fact]
    public async Task The_sweep_forgets_only_full_buckets()
    {
        var limiter = new ReportRateLimiter(new AgentOptions { ReportBurst = 2, ReportsPerMinute = 60 }, _time);
        await limiter.WaitAsync("dev_a", CancellationToken.None);
        limiter.Sweep();
        Assert.Equal(1, limiter.Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        limiter.Sweep();

        Assert.Equal(0, limiter.Count);
    }
}
