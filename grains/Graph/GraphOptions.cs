namespace Fleet.Grains.Graph;

/// <summary>
/// How the graph is partitioned and flushed (section <c>Fleet:Graph</c>). Partition counts are recorded in an
/// account's catalogue the first time they are used, so changing them later affects only classes (and accounts) that
/// appear afterwards: existing data never moves.
/// </summary>
public sealed class GraphOptions
{
    public const string Section = "Fleet:Graph";

    /// <summary>Entity partitions per class unless <see cref="ClassPartitions"/> names the class.</summary>
    public int PartitionsPerClass { get; set; } = 16;

    /// <summary>Per-class overrides, e.g. <c>Fleet:Graph:ClassPartitions:Device=32</c>.</summary>
    public Dictionary<string, int> ClassPartitions { get; set; } = [];

    /// <summary>Partitions of the <c>_key</c> → <c>_id</c> map of an account.</summary>
    public int KeyPartitions { get; set; } = 16;

    /// <summary>Adjacency partitions of an account.</summary>
    public int EdgePartitions { get; set; } = 16;

    /// <summary>How long a changed partition waits to coalesce more changes before it writes them.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Pending changes that make a partition write at once instead of waiting.</summary>
    public int FlushBatchSize { get; set; } = 500;

    public int PartitionsFor(string @class) =>
        ClassPartitions.TryGetValue(@class, out var count) && count > 0 ? count : Math.Max(1, PartitionsPerClass);
}

/// <summary>Query limits (section <c>Fleet:Query</c>), mapped onto <see cref="Fleet.Query.QueryLimits"/>.</summary>
public sealed class QueryOptions
{
    public const string Section = "Fleet:Query";

    public int MaxQueryLength { get; set; } = 10_000;
    public int MaxHops { get; set; } = 8;
    public int DefaultLimit { get; set; } = 250;
    public int MaxLimit { get; set; } = 10_000;
    public int MaxIntermediateResults { get; set; } = 200_000;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public Fleet.Query.QueryLimits ToLimits() => Fleet.Query.QueryLimits.Default with
    {
        MaxQueryLength = MaxQueryLength,
        MaxHops = MaxHops,
        DefaultLimit = DefaultLimit,
        MaxLimit = MaxLimit,
        MaxIntermediateResults = MaxIntermediateResults,
        Timeout = Timeout,
    };
}
