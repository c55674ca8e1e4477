using Fleet.Query.Evaluation;
using Fleet.Query.Execution;

namespace Fleet.Grains.Graph;

using J1qlQuery = Fleet.Query.Syntax.Query;

/// <summary>
/// Runs a parsed query over one account's graph, inside the silo (standing queries and alert rules use it), and reads
/// single entities by key (incremental standing queries read only what changed).
/// Backed by the graph store's partitions; tests back it with an in-memory graph.
/// </summary>
public interface IAccountQueryRunner
{
    Task<QueryResult> RunAsync(string accountId, J1qlQuery query, CancellationToken cancellationToken);

    /// <summary>The current entities with these <c>_key</c>s; keys with no entity are left out.</summary>
    Task<IReadOnlyList<Entity>> GetByKeysAsync(string accountId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>
    /// How a full run of a one-step query orders its matches, as blocks: it visits blocks in ascending order, takes at most
    /// LIMIT matches from each (in an order an update in place does not change) and keeps the first LIMIT overall; an
    /// entity stays in its block for its lifetime. Null when the graph promises no such order: then every change that
    /// could reorder a truncated result needs a full run.
    /// </summary>
    Task<Func<Entity, long>?> BlockOrderAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// An incremental query (<see cref="IncrementalQuery"/>) run with its anchor step read from the blocks up to
    /// <paramref name="lastBlock"/> only: the same answer as <see cref="RunAsync"/> when those blocks still give LIMIT
    /// answers (a run cuts there anyway); null when they do not (or the graph has no blocks), and only a full run can tell.
    /// </summary>
    Task<QueryResult?> RunPrefixAsync(string accountId, J1qlQuery query, long lastBlock, CancellationToken cancellationToken);

    /// <summary>
    /// For a chain without <c>!THAT</c> (a skeleton: its steps' filters are the caller's to apply): the starts a change of
    /// <paramref name="changed"/> can move, and the complete paths from them now (<see cref="QueryExecutor.StartsReachingAsync"/>,
    /// <see cref="QueryExecutor.MatchPathsAsync"/>). Null when the graph cannot tell within the query's time budget, or the
    /// starts or paths are more than <paramref name="maxPaths"/>: then only a full run can.
    /// </summary>
    Task<ChainPaths?> RecheckPathsAsync(string accountId, J1qlQuery skeleton, IReadOnlyCollection<Entity> changed, int maxPaths, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="startIds"/> have a complete path now, with their anchors (<see cref="QueryExecutor.MatchStartsAsync"/>); null when over budget.</summary>
    Task<IReadOnlyList<StartMatch>?> MatchStartsAsync(string accountId, J1qlQuery query, IReadOnlyCollection<string> startIds, CancellationToken cancellationToken);
}
