using Fleet.Contracts.Graph;
using Fleet.Query;
using Fleet.Query.Execution;
using Fleet.Silo.Graph;

namespace Fleet.Silo.Push;

using J1qlQuery = Fleet.Query.Syntax.Query;

/// <summary>Runs a query over the account's graph partitions from the calling silo (no hop through a query grain).</summary>
public sealed class GraphQueryRunner(IGrainFactory grains, QueryLimits limits, TimeProvider time) : IAccountQueryRunner
{
    public async Task<QueryResult> RunAsync(string accountId, J1qlQuery query, CancellationToken cancellationToken)
    {
        var catalog = await grains.GetGrain<IGraphCatalogGrain>(accountId).Get();
        var source = new GrainGraphSource(grains, accountId, catalog);
        return await QueryExecutor.ExecuteAsync(query, source, time.GetUtcNow(), limits, time, cancellationToken);
    }
}
