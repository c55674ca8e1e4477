using Fleet.Contracts.Graph;
using Fleet.Hosting.Telemetry;
using Fleet.Query;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;
using Orleans.Concurrency;

namespace Fleet.Grains.Graph;

/// <summary>
/// Runs queries next to the partitions: parse, plan and execute here, answer the result JSON once. Stateless, so each
/// silo runs as many in parallel as it has cores. The account id is part of every partition key the source builds.
/// </summary>
[StatelessWorker]
public sealed partial class QueryGrain(QueryLimits limits, TimeProvider time, ILogger<QueryGrain> logger) : Grain, IQueryGrain
{
    public async Task<QueryAnswer> Run(string accountId, string query)
    {
        var parsed = J1qlParser.Parse(query, limits);
        if (parsed.Error is { } error)
        {
            return new QueryAnswer(QueryAnswerKind.SyntaxError, null, error.Line, error.Column, error.Message, error.Expected, null);
        }
        var catalog = await GrainFactory.GetGrain<IGraphCatalogGrain>(accountId).Get();
        var source = new GrainGraphSource(GrainFactory, accountId, catalog);
        var started = time.GetTimestamp();
        var result = await QueryExecutor.ExecuteAsync(parsed.Query!, source, time.GetUtcNow(), limits, time, CancellationToken.None);
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        FleetTelemetry.QueryLatency.Record(elapsed);
        LogExecuted(logger, elapsed, result.GetType().Name);
        return result is QueryFailure failure
            ? new QueryAnswer(QueryAnswerKind.Failed, null, 0, 0, failure.Message, [],
                failure.Kind == QueryFailureKind.Timeout ? "timeout" : "tooManyIntermediateResults")
            : new QueryAnswer(QueryAnswerKind.Result, QueryResultJson.ToJson(result), 0, 0, "", [], null);
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Debug, Message = "Query executed in {ElapsedMs} ms: {Shape}")]
    private static partial void LogExecuted(ILogger logger, double elapsedMs, string shape);
}
