namespace Fleet.Simulation;

/// <summary>Latencies in milliseconds, collected from many threads; percentiles by nearest rank.</summary>
public sealed class LatencyRecorder
{
    private readonly Lock _gate = new();
    private List<double> _values = new(1 << 16);

    public void Add(double milliseconds)
    {
        lock (_gate)
            _values.Add(milliseconds);
    }

    public int Count
    {
        get { lock (_gate) return _values.Count; }
    }

    /// <summary>Takes what was recorded so far and starts afresh (warm-up is thrown away this way).</summary>
    public List<double> Drain()
    {
        lock (_gate)
        {
            var taken = _values;
            _values = new List<double>(1 << 16);
            return taken;
        }
    }

    public static double Percentile(IReadOnlyCollection<double> values, double percentile)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
