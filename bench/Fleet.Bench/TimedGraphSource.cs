using System.Diagnostics;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;

namespace Fleet.Bench;

/// <summary>Profiling aid (<c>--phases</c>): times each call the executor makes to its source (the executor may have two in flight).</summary>
public sealed class TimedGraphSource(IGraphSource inner) : IGraphSource
{
    public List<string> Log { get; } = [];

    /// <summary>Bytes allocated by this thread inside the source's calls (meaningful for a source that completes synchronously).</summary>
    public long AllocatedInSource { get; private set; }

    public async Task<IReadOnlyList<Entity>> FindAsync(TargetSelector target, Filter? filter, int? limit, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var result = await inner.FindAsync(target, filter, limit, ct);
        Record(GC.GetAllocatedBytesForCurrentThread() - allocated, $"find {string.Join('|', target.Names.Select(n => n.Name))}: {result.Count} in {watch.Elapsed.TotalMilliseconds:0.0} ms");
        return result;
    }

    public async Task<IReadOnlyList<Entity>> GetAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var result = await inner.GetAsync(ids, ct);
        Record(GC.GetAllocatedBytesForCurrentThread() - allocated, $"get {ids.Count}: {result.Count} in {watch.Elapsed.TotalMilliseconds:0.0} ms");
        return result;
    }

    public async Task<IReadOnlyList<Relationship>> EdgesAsync(IReadOnlyCollection<string> ids, VerbSelector verbs, EdgeDirection direction, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var result = await inner.EdgesAsync(ids, verbs, direction, ct);
        Record(GC.GetAllocatedBytesForCurrentThread() - allocated, $"edges {ids.Count} {string.Join('|', verbs.Verbs)}: {result.Count} in {watch.Elapsed.TotalMilliseconds:0.0} ms");
        return result;
    }

    private void Record(long allocated, string line)
    {
        lock (Log)
        {
            AllocatedInSource += allocated;
            Log.Add(line);
        }
    }
}
