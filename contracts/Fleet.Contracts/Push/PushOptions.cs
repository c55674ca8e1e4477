namespace Fleet.Contracts.Push;

/// <summary>Live push and standing queries (section <c>Fleet:Push</c>).</summary>
public sealed class PushOptions
{
    public const string Section = "Fleet:Push";

    /// <summary>
    /// How long the change feed collects events before one batch goes out. Most of a push's latency when the system
    /// is not loaded (GPSTracker's 15 ms doubled the push p50 of docs/benchmarks.md), so kept short.
    /// </summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>A batch goes out at once when it reaches this many events; beyond <see cref="MaxPendingEvents"/> the oldest are dropped.</summary>
    public int MaxBatchSize { get; set; } = 1_000;

    /// <summary>Bound of the feed's buffer: a feed never holds more, whatever happens downstream.</summary>
    public int MaxPendingEvents { get; set; } = 10_000;

    /// <summary>A gateway observer not renewed within this time is dropped (gateways renew every <see cref="RenewInterval"/>).</summary>
    public TimeSpan ObserverExpiry { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How often a gateway renews its observers and standing queries.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>At least this long between two evaluations of one standing query (the first change after a quiet spell is evaluated at once).</summary>
    public TimeSpan StandingQueryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// One-step standing queries (<c>FIND X WITH f</c>) are kept up to date by reading only the changed entities
    /// (<c>IncrementalQuery</c>). False forces a full run for every evaluation (the benchmark's baseline).
    /// </summary>
    public bool IncrementalStandingQueries { get; set; } = true;

    /// <summary>
    /// An incremental standing query with changes pending is run in full again when its last full run is this old: a safety
    /// net for graph changes no event announced (e.g. a projection that landed after its change event was evaluated).
    /// </summary>
    public TimeSpan StandingQueryResyncInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>More changed entities than this pending for one incremental query: one full run is cheaper than reading them all.</summary>
    public int MaxIncrementalChanges { get; set; } = 5_000;

    /// <summary>
    /// A chain's re-check that would touch more entities or paths than this runs the chain in full instead: a start with a
    /// huge fan-out (<c>FIND Account THAT HAS Device WITH …</c>) is cheaper as a full run, which stops at its first LIMIT
    /// starts, than re-checked on every tick (docs/security.md, Fair sharing).
    /// </summary>
    public int MaxIncrementalPaths { get; set; } = 10_000;

    /// <summary>Standing queries an account may hold at once (all dashboards together).</summary>
    public int MaxStandingQueriesPerAccount { get; set; } = 500;
}
