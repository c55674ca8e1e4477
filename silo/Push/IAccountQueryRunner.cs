using Fleet.Query.Execution;

namespace Fleet.Silo.Push;

using J1qlQuery = Fleet.Query.Syntax.Query;

/// <summary>
/// Runs a parsed query over one account's graph, inside the silo (standing queries and alert rules use it).
/// Backed by the graph store's partitions; tests back it with an in-memory graph.
/// </summary>
public interface IAccountQueryRunner
{
    Task<QueryResult> RunAsync(string accountId, J1qlQuery query, CancellationToken cancellationToken);
}
