namespace Fleet.Bench;

/// <summary>
/// Profiling aid (<c>query --phases</c>): CPU time of the whole process and what the garbage collector did between two points.
/// CPU time is what the work costs whatever else runs on the machine; wall time on a shared machine is not.
/// </summary>
public readonly record struct GcSnapshot(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused, TimeSpan Cpu)
{
    public static GcSnapshot Take() => new(GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0), GC.CollectionCount(1),
        GC.CollectionCount(2), GC.GetTotalPauseDuration(), System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime);

    public string Since(GcSnapshot before) =>
        $"process CPU {(Cpu - before.Cpu).TotalMilliseconds:0} ms, allocated {(AllocatedBytes - before.AllocatedBytes) / 1048576.0:0.0} MB, GCs gen0/1/2 {Gen0 - before.Gen0}/{Gen1 - before.Gen1}/{Gen2 - before.Gen2}, paused {(Paused - before.Paused).TotalMilliseconds:0.0} ms";
}
