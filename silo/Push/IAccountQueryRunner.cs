using Fleet.Query.Evaluation;
using Fleet.Query.Execution;

namespace Fleet.Silo.Push;

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
}
