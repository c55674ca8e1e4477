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
            return new QueryAnswer.SyntaxError(error.Line, error.Column, error.Message, error.Expected);
        }
        var source = await GrainGraphSource.OpenAsync(GrainFactory, accountId);
        var started = time.GetTimestamp();
        var result = await QueryExecutor.ExecuteAsync(parsed.Query!, source, time.GetUtcNow(), limits, time, CancellationToken.None);
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        FleetTelemetry.QueryLatency.Record(elapsed);
        LogExecuted(logger, elapsed, result.GetType().Name);
        return result is QueryFailure failure
            ? new QueryAnswer.Failed(failure.Kind, failure.Message)
            : new QueryAnswer.Succeeded(QueryResultJson.ToJson(result));
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Debug, Message = "Query executed in {ElapsedMs} ms: {Shape}")]
    private static partial void LogExecuted(ILogger logger, double elapsedMs, string shape);
}
