using Fleet.Query.Execution;

namespace Fleet.Contracts.Graph;

/// <summary>
/// The answer to one query, as it crosses from the silo to the gateway (once): the result, a syntax error, or a failure
/// of a parsed query. Closed: these three are all there are.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.QueryAnswer")]
public abstract record QueryAnswer
{
    private protected QueryAnswer()
    {
    }

    /// <summary>The result (list, table or tree) as the JSON of docs/query-language.md.</summary>
    [GenerateSerializer, Immutable, Alias("fleet.QueryAnswer.Succeeded")]
    public sealed record Succeeded([property: Id(0)] string Json) : QueryAnswer;

    /// <summary>The text did not parse: where, why and what was expected there.</summary>
    [GenerateSerializer, Immutable, Alias("fleet.QueryAnswer.SyntaxError")]
    public sealed record SyntaxError(
        [property: Id(0)] int Line,
        [property: Id(1)] int Column,
        [property: Id(2)] string Message,
        [property: Id(3)] IReadOnlyList<string> Expected) : QueryAnswer;

    /// <summary>The query ran out of time or grew too large.</summary>
    [GenerateSerializer, Immutable, Alias("fleet.QueryAnswer.Failed")]
    public sealed record Failed(
        [property: Id(0)] QueryFailureKind Kind,
        [property: Id(1)] string Message) : QueryAnswer;
}

/// <summary>
/// Parses, plans and runs a J1QL query over one account's graph partitions, inside the silo, so the partitions are
/// called from there and only the assembled result crosses to the gateway. Stateless.
/// </summary>
public interface IQueryGrain : IGrainWithIntegerKey
{
    Task<QueryAnswer> Run(string accountId, string query);
}
