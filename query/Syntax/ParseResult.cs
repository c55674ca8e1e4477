using System.Diagnostics.CodeAnalysis;

namespace Fleet.Query.Syntax;

/// <summary>Either a query or a syntax error; the parser never throws.</summary>
public sealed record ParseResult
{
    private ParseResult(Query? query, QuerySyntaxError? error)
    {
        Query = query;
        Error = error;
    }

    public Query? Query { get; }

    public QuerySyntaxError? Error { get; }

    [MemberNotNullWhen(true, nameof(Query))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Query is not null;

    public static ParseResult Success(Query query) => new(query, null);

    public static ParseResult Failure(QuerySyntaxError error) => new(null, error);
}
