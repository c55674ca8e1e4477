namespace Fleet.Contracts.Graph;

public enum QueryAnswerKind
{
    /// <summary><see cref="QueryAnswer.Json"/> holds the result (list, table or tree).</summary>
    Result,

    /// <summary>The text did not parse: line, column, message and what was expected.</summary>
    SyntaxError,

    /// <summary>The query ran out of time or grew too large: <see cref="QueryAnswer.FailureKind"/> and message.</summary>
    Failed,
}

/// <summary>The answer to one query, as it crosses from the silo to the gateway (once).</summary>
[GenerateSerializer, Immutable, Alias("fleet.QueryAnswer")]
public sealed record QueryAnswer(
    [property: Id(0)] QueryAnswerKind Kind,
    [property: Id(1)] string? Json,
    [property: Id(2)] int Line,
    [property: Id(3)] int Column,
    [property: Id(4)] string Message,
    [property: Id(5)] IReadOnlyList<string> Expected,
    [property: Id(6)] string? FailureKind);

/// <summary>
/// Parses, plans and runs a J1QL query over one account's graph partitions, inside the silo, so the partitions are
/// called from there and only the assembled result crosses to the gateway. Stateless.
/// </summary>
public interface IQueryGrain : IGrainWithIntegerKey
{
    Task<QueryAnswer> Run(string accountId, string query);
}
