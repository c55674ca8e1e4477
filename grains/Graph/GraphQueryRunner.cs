using Fleet.Query;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;

namespace Fleet.Grains.Graph;

using J1qlQuery = Fleet.Query.Syntax.Query;

/// <summary>
/// Runs queries for standing queries and alert rules from the calling silo (no hop through a query grain), on the same
/// graph source and executor as ad-hoc queries (<see cref="GrainGraphSource"/>, <see cref="QueryExecutor"/>).
/// </summary>
public sealed class GraphQueryRunner(IGrainFactory grains, QueryLimits limits, TimeProvider time) : IAccountQueryRunner
{
    public async Task<QueryResult> RunAsync(string accountId, J1qlQuery query, CancellationToken cancellationToken)
    {
        var source = await GrainGraphSource.OpenAsync(grains, accountId);
        return await QueryExecutor.ExecuteAsync(query, source, time.GetUtcNow(), limits, time, cancellationToken);
    }

    public async Task<IReadOnlyList<Entity>> GetByKeysAsync(string accountId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var source = await GrainGraphSource.OpenAsync(grains, accountId);
        return await source.GetByKeysAsync(keys, cancellationToken);
    }

    public async Task<Func<Entity, long>?> BlockOrderAsync(string accountId, CancellationToken cancellationToken)
    {
        var source = await GrainGraphSource.OpenAsync(grains, accountId);
        return source.BlockOf;
    }

    /// <summary>A full run over a source that asks only the blocks up to <paramref name="lastBlock"/>.</summary>
    public async Task<QueryResult?> RunPrefixAsync(string accountId, J1qlQuery query, long lastBlock, CancellationToken cancellationToken)
    {
        var source = await GrainGraphSource.OpenAsync(grains, accountId);
        var result = await QueryExecutor.ExecuteAsync(query, source.UpToBlock(lastBlock), time.GetUtcNow(), limits, time, cancellationToken);
        var count = result switch
        {
            ListResult list => list.Entities.Count,
            TreeResult tree => tree.Vertices.Count,
            _ => 0,
        };
        // Fewer than LIMIT matches in these blocks: later blocks would have added to the answer.
        return count < limits.LimitOf(query) ? null : result;
    }

    public async Task<ChainPaths?> RecheckPathsAsync(string accountId, J1qlQuery skeleton, IReadOnlyCollection<Entity> changed, int maxPaths, CancellationToken cancellationToken)
    {
        var source = await GrainGraphSource.OpenAsync(grains, accountId);
        var budget = limits with { MaxIntermediateResults = Math.Min(limits.MaxIntermediateResults, maxPaths) };
        if (await QueryExecutor.StartsReachingAsync(skeleton, source, changed, budget, cancellationToken) is not { } affected)
            return null;
        var paths = await QueryExecutor.MatchPathsAsync(skeleton, source, [.. affected], time.GetUtcNow(), budget, cancellationToken);
        return paths is null ? null : new ChainPaths(affected, paths);
    }

    public async Task<IReadOnlyList<StartMatch>?> MatchStartsAsync(string accountId, J1qlQuery query, IReadOnlyCollection<string> startIds, CancellationToken cancellationToken)
    {
        var source = await GrainGraphSource.OpenAsync(grains, accountId);
        return await QueryExecutor.MatchStartsAsync(query, source, startIds, time.GetUtcNow(), limits, cancellationToken);
    }
}
