using System.Security.Claims;
using Fleet.Contracts.Accounts;
using Fleet.Gateway.Api;
using Fleet.Gateway.Security;

namespace Fleet.Gateway.Accounts;

public static class AccountEndpoints
{
    private const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accounts = endpoints.MapGroup("/api/v1/accounts");
        accounts.MapPost("/", CreateAsync).RequireAuthorization(FleetPolicies.Operator);
        accounts.MapGet("/{id}", GetAsync).RequireAuthorization(FleetPolicies.OperatorOrAccount);
        endpoints.MapApiKeyEndpoints();
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(CreateAccountRequest request, IGrainFactory grains)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || ControlCharacters.In(name))
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["name"] = [$"An account needs a name of 1 to {MaxNameLength} characters, without control characters."],
            });

        var id = AccountIds.New();
        var apiKey = ApiKeys.Generate();
        // Key first: an account that exists always has a working key; a key without an account
        // (a crash in between) grants nothing, since every account call checks the account exists.
        await grains.GetGrain<IAccountApiKeysGrain>(id).Add("initial key", ApiKeys.GrainKey(apiKey));
        var account = await grains.GetGrain<IAccountGrain>(id).Create(name);
        return Results.Created($"/api/v1/accounts/{id}", new { id = account.Id, name = account.Name, apiKey, createdOn = account.CreatedOn });
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var callerAccount = user.GetAccountId();
        // Another account's id answers exactly like a missing one: nothing is learned about it.
        if (!AccountIds.IsWellFormed(id) || (callerAccount is not null && callerAccount != id))
            return NotFound(id);
        var account = await grains.GetGrain<IAccountGrain>(id).Get();
        return account is null ? NotFound(id) : Results.Ok(new { id = account.Id, name = account.Name, createdOn = account.CreatedOn });
    }

    private static IResult NotFound(string id) =>
        Results.Problem(title: "Account not found", detail: $"No account '{id}' is visible to this key.", statusCode: StatusCodes.Status404NotFound);
}
