using Fleet.Query.Evaluation;
using Orleans;

namespace Fleet.Query.Execution;

/// <summary>The answer to a query: one of the shapes of docs/query-language.md, or a failure value (time, size).</summary>
public abstract record QueryResult;

/// <summary><c>{"type":"list"}</c>: the starting entities.</summary>
public sealed record ListResult(EquatableArray<Entity> Entities) : QueryResult;

/// <summary><c>{"type":"table"}</c>: one row per matched path, or per group when aggregating.</summary>
public sealed record TableResult(EquatableArray<TableRow> Rows) : QueryResult;

/// <summary><c>{"type":"tree"}</c>: vertices and edges of every matched path.</summary>
public sealed record TreeResult(EquatableArray<Entity> Vertices, EquatableArray<Relationship> Edges) : QueryResult;

/// <summary>The query was stopped; <see cref="Kind"/> says why, <see cref="Message"/> says it to a person.</summary>
public sealed record QueryFailure(QueryFailureKind Kind, string Message) : QueryResult;

[GenerateSerializer, Alias("fleet.query.QueryFailureKind")]
public enum QueryFailureKind
{
    /// <summary>The time budget (<see cref="QueryLimits.Timeout"/>) ran out.</summary>
    Timeout,

    /// <summary>More entities or paths than <see cref="QueryLimits.MaxIntermediateResults"/>.</summary>
    TooManyIntermediateResults,
}

public static class QueryFailureKindExtensions
{
    /// <summary>The kind as JSON and problem bodies name it (<c>"kind": "timeout"</c>).</summary>
    public static string ToWireName(this QueryFailureKind kind) => kind switch
    {
        QueryFailureKind.Timeout => "timeout",
        QueryFailureKind.TooManyIntermediateResults => "tooManyIntermediateResults",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
