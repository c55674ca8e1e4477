using System.Security.Claims;

namespace Fleet.Gateway.Security;

public static class FleetClaims
{
    public const string AccountId = "fleet:account";
    public const string OperatorRole = "operator";

    /// <summary>The account the caller's key belongs to; null for the operator.</summary>
    public static string? GetAccountId(this ClaimsPrincipal user) => user.FindFirstValue(AccountId);
}
