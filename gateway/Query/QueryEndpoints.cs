using System.Diagnostics;
using System.Security.Claims;
using Fleet.Contracts.Graph;
using Fleet.Gateway.Security;
using Fleet.Query.Execution;

namespace Fleet.Gateway.Query;

/// <summary>The body of <c>POST /query</c>.</summary>
public sealed record QueryRequest(string? Query);

public static class QueryEndpoints
{
    public static IEndpointRouteBuilder MapQueryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/query", RunAsync).RequireAuthorization(FleetPolicies.Account);
        return endpoints;
    }

    /// <summary>Runs in the silo (IQueryGrain); the result JSON crosses once and is written as it is.</summary>
    private static async Task<IResult> RunAsync(QueryRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["query"] = ["a J1QL query is required, e.g. FIND Device WITH encrypted = false"],
            });
        }
        var answer = await grains.GetGrain<IQueryGrain>(0).Run(user.GetAccountId()!, request.Query);
        return answer switch
        {
            QueryAnswer.Succeeded succeeded => Results.Text(succeeded.Json, "application/json"),
            QueryAnswer.SyntaxError syntax => Results.Problem(
                title: "The query does not parse",
                detail: $"({syntax.Line},{syntax.Column}): {syntax.Message}",
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["line"] = syntax.Line, ["column"] = syntax.Column, ["expected"] = syntax.Expected }),
            QueryAnswer.Failed failed => Results.Problem(
                title: failed.Kind switch
                {
                    QueryFailureKind.Timeout => "The query ran out of time",
                    QueryFailureKind.TooManyIntermediateResults => "The query grew too large",
                    _ => throw new UnreachableException($"query failure kind {failed.Kind}"),
                },
                detail: failed.Message,
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["kind"] = failed.Kind.ToWireName() }),
            _ => throw new UnreachableException($"query answer {answer.GetType().Name}"),
        };
    }
}
