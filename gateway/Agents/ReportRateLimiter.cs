using System.Collections.Concurrent;

namespace Fleet.Gateway.Agents;

/// <summary>
/// A token bucket per device (not per stream, so reconnecting does not refill it): <see cref="AgentOptions.ReportBurst"/>
/// reports at once, then <see cref="AgentOptions.ReportsPerMinute"/>. A report over the limit is neither refused nor
/// dropped: its stream waits for a token and stops reading meanwhile, so HTTP/2 flow control slows the agent down.
/// </summary>
public sealed class ReportRateLimiter(AgentOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Returns at once while the device has tokens; otherwise when the next token is due.</summary>
    public async ValueTask WaitAsync(string deviceId, CancellationToken cancellationToken)
    {
        var bucket = _buckets.GetOrAdd(deviceId, _ => new TokenBucket(options.ReportBurst, options.ReportsPerMinute / 60.0, time));
        for (var wait = bucket.TryTake(); wait > TimeSpan.Zero; wait = bucket.TryTake())
            await Task.Delay(wait, time, cancellationToken);
    }

    /// <summary>Forgets buckets that refilled completely: they would be created full again anyway.</summary>
    public void Sweep()
    {
        foreach (var (deviceId, bucket) in _buckets)
            if (bucket.IsFull)
                _buckets.TryRemove(new KeyValuePair<string, TokenBucket>(deviceId, bucket));
    }

    public int Count => _buckets.Count;
}

/// <summary>A classic token bucket on an injected clock.</summary>
public sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly double _capacity;
    private readonly double _tokensPerSecond;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _updated;

    public TokenBucket(double capacity, double tokensPerSecond, TimeProvider time)
    {
        if (capacity < 1 || tokensPerSecond <= 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), "A token bucket needs room for one token and a positive refill rate.");
        _capacity = capacity;
        _tokensPerSecond = tokensPerSecond;
        _time = time;
        _tokens = capacity;
        _updated = time.GetTimestamp();
    }

    /// <summary><see cref="TimeSpan.Zero"/> when a token was taken; otherwise how long until one is available.</summary>
    public TimeSpan TryTake()
    {
        lock (_gate)
        {
            Refill();
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return TimeSpan.Zero;
            }
            return TimeSpan.FromSeconds(Math.Max((1 - _tokens) / _tokensPerSecond, 0.001));
        }
    }

    public bool IsFull
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _tokens >= _capacity;
            }
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + _time.GetElapsedTime(_updated, now).TotalSeconds * _tokensPerSecond);
        _updated = now;
    }
}
