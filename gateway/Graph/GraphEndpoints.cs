using System.Security.Claims;
using System.Text.Json;
using Fleet.Contracts.Graph;
using Fleet.Gateway.Security;

namespace Fleet.Gateway.Graph;

public static class GraphEndpoints
{
    public static IEndpointRouteBuilder MapGraphEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/graph", WriteAsync).RequireAuthorization(FleetPolicies.Account);
        return endpoints;
    }

    /// <summary>Bulk upsert/delete: all or nothing; the answer means written.</summary>
    private static async Task<IResult> WriteAsync(JsonElement body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (request, errors) = GraphRequestReader.Read(body);
        if (request is null)
        {
            return Refused(errors);
        }
        // The account comes from the key, never from the body: every partition the write touches is this account's.
        var accountId = user.GetAccountId()!;
        var outcome = await grains.GetGrain<IGraphWriterGrain>(0).Apply(accountId, request);
        if (outcome.Counts is not { } counts)
        {
            return Refused(outcome.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }
        return Results.Ok(new
        {
            created = counts.Created,
            updated = counts.Updated,
            deleted = counts.Deleted,
            relationshipsCreated = counts.RelationshipsCreated,
            relationshipsDeleted = counts.RelationshipsDeleted,
        });
    }

    private static IResult Refused(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The graph write was refused",
            detail: $"{errors.Sum(e => e.Value.Length)} problem(s) listed under 'errors' by item and field; nothing was written.");
}
