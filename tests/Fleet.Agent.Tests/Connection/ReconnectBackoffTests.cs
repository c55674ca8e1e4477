using Fleet.Agent.Connection;

namespace Fleet.Agent.Tests.Connection;

public sealed class ReconnectBackoffTests
{
    /// <summary>A Random that always answers the same fraction, so the schedule is exact.</summary>
    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }

    [Fact]
    public void Ceiling_DoublesPerAttempt_UntilTheMaximum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new FixedRandom(1.0));

        var delays = Enumerable.Range(0, 9).Select(a => backoff.Delay(a).TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
    }

    [Fact]
    public void Jitter_NeverGoesBelowHalfTheCeiling()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new FixedRandom(0.0));

        Assert.Equal([0.5, 1, 2, 4], Enumerable.Range(0, 4).Select(a => backoff.Delay(a).TotalSeconds));
    }

    [Fact]
    public void Jitter_SpreadsAgentsAcrossTheWindow()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), new Random(7));

        var delays = Enumerable.Range(0, 50).Select(_ => backoff.Delay(3)).ToList();

        Assert.All(delays, d => Assert.InRange(d.TotalSeconds, 4, 8));
        Assert.True(delays.Distinct().Count() > 40);
    }

    [Fact]
    public void HugeAttemptNumbers_StayAtTheMaximum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), new FixedRandom(1.0));

        Assert.Equal(TimeSpan.FromMinutes(5), backoff.Delay(10_000));
    }
}
