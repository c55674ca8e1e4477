using System.Security.Claims;
using Fleet.Contracts.Accounts;
using Fleet.Gateway.Api;
using Fleet.Gateway.Security;

namespace Fleet.Gateway.Accounts;

/// <summary>
/// <c>/api/v1/api-keys</c>: an account's keys (docs/security.md, Authentication keys and revocation). A key is answered
/// once, on creation; the list shows ids, names and dates, never a key. A deleted key is refused from the moment the
/// DELETE returns, by every gateway, and the dashboards connected with it are closed. The last key cannot be deleted.
/// </summary>
public static class ApiKeyEndpoints
{
    private const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/api/v1/api-keys").RequireAuthorization(FleetPolicies.Account);
        keys.MapPost("/", CreateAsync);
        keys.MapGet("/", ListAsync);
        keys.MapDelete("/{id}", DeleteAsync);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(CreateApiKeyRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || ControlCharacters.In(name))
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["name"] = [$"A key needs a name of 1 to {MaxNameLength} characters, without control characters (e.g. \"CI pipeline\")."],
            });
        var apiKey = ApiKeys.Generate();
        var created = await Keys(grains, user).Add(name, ApiKeys.GrainKey(apiKey));
        if (created is null)
            return Results.Problem(title: "Too many API keys",
                detail: $"An account may have at most {IAccountApiKeysGrain.MaxKeys} API keys (limit: apiKeysPerAccount); delete one first.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["limit"] = "apiKeysPerAccount", ["max"] = IAccountApiKeysGrain.MaxKeys });
        // The only time the key is shown.
        return Results.Created($"/api/v1/api-keys/{created.Id}", new { id = created.Id, name = created.Name, apiKey, createdOn = created.CreatedOn });
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        Results.Ok((await Keys(grains, user).List()).Select(k => new { id = k.Id, name = k.Name, createdOn = k.CreatedOn, lastUsedOn = k.LastUsedOn }));

    private static async Task<IResult> DeleteAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        await Keys(grains, user).Revoke(id) switch
        {
            ApiKeyRevocation.Revoked => Results.NoContent(),
            ApiKeyRevocation.LastKey => Results.Problem(title: "The last key cannot be deleted",
                detail: "Deleting the account's only API key would lock the account out; create another key first.",
                statusCode: StatusCodes.Status409Conflict),
            _ => Results.Problem(title: "API key not found", detail: $"No API key '{id}' is visible to this key.", statusCode: StatusCodes.Status404NotFound),
        };

    private static IAccountApiKeysGrain Keys(IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<IAccountApiKeysGrain>(user.GetAccountId()!);
}

public sealed record CreateApiKeyRequest(string? Name);
