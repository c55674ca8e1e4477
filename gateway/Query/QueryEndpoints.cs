using System.Security.Claims;
using Fleet.Contracts.Graph;
using Fleet.Gateway.Security;

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
        return answer.Kind switch
        {
            QueryAnswerKind.Result => Results.Text(answer.Json!, "application/json"),
            QueryAnswerKind.SyntaxError => Results.Problem(
                title: "The query does not parse",
                detail: $"({answer.Line},{answer.Column}): {answer.Message}",
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["line"] = answer.Line, ["column"] = answer.Column, ["expected"] = answer.Expected }),
            _ => Results.Problem(
                title: answer.FailureKind == "timeout" ? "The query ran out of time" : "The query grew too large",
                detail: answer.Message,
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["kind"] = answer.FailureKind }),
        };
    }
}
