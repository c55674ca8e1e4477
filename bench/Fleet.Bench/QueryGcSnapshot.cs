namespace Fleet.Bench;

/// <summary>Profiling aid (<c>query --phases</c>): what the garbage collector did between two points of one process.</summary>
public readonly record struct GcSnapshot(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcSnapshot Take() => new(GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0), GC.CollectionCount(1),
        GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public string Since(GcSnapshot before) =>
        $"allocated {(AllocatedBytes - before.AllocatedBytes) / 1048576.0:0.0} MB, GCs gen0/1/2 {Gen0 - before.Gen0}/{Gen1 - before.Gen1}/{Gen2 - before.Gen2}, paused {(Paused - before.Paused).TotalMilliseconds:0.0} ms";
}
