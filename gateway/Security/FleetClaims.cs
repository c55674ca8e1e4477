using System.Security.Claims;

namespace Fleet.Gateway.Security;

public static class FleetClaims
{
    public const string AccountId = "fleet:account";
    public const string ApiKeyId = "fleet:api-key";
    public const string OperatorRole = "operator";

    /// <summary>The account the caller's key belongs to; null for the operator.</summary>
    public static string? GetAccountId(this ClaimsPrincipal user) => user.FindFirstValue(AccountId);

    /// <summary>The id of the account key the caller authenticated with; null for the operator.</summary>
    public static string? GetApiKeyId(this ClaimsPrincipal user) => user.FindFirstValue(ApiKeyId);
}
