using System.Security.Claims;
using System.Text.Encodings.Web;
using Fleet.Contracts.Accounts;
using Fleet.Gateway.Operations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Fleet.Gateway.Security;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> (on the SignalR hub also <c>?access_token=</c>, where browsers cannot set headers:
/// <see cref="QueryTokenHttpContextFactory"/> turns it into the header before anything logs the query string; or HTTP Basic with the operator key as password on the operator dashboard, so a browser can ask for it).
/// The operator key maps to the operator role; an account key to that account, looked up by its hash.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OperatorKey operatorKey,
    AuthFailureLimiter failures,
    KeyRequestLimiter requests,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HubPath = "/hubs";
    private const int MaxKeyLength = 256;
    private const string BlockedItem = "fleet:auth-blocked";
    private const string RateLimitedItem = "fleet:key-rate-limited";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Agents' gRPC calls carry agent tokens, which the agent service checks itself. Read as API keys here, every
        // agent connecting would count as a failed key guess from its address and soon lock that address out.
        if (Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
            return AuthenticateResult.NoResult();
        var key = ReadKey();
        if (key is null)
            return AuthenticateResult.NoResult();
        var address = ClientAddress;
        if (failures.IsBlocked(address))
        {
            Context.Items[BlockedItem] = true;
            return AuthenticateResult.Fail("Too many failed attempts.");
        }
        if (key.Length is 0 or > MaxKeyLength)
            return Failed(address, "Malformed key.");

        if (operatorKey.Matches(key))
            return Success(new Claim(ClaimTypes.Role, FleetClaims.OperatorRole));

        // No cache: the key's grain is asked on every request, so a revoked key is refused by every gateway at once.
        var owner = await grains.GetGrain<IApiKeyGrain>(ApiKeys.GrainKey(key)).Authenticate();
        if (owner is null)
            return Failed(address, "Unknown key.");
        if (!requests.TryAcquire(owner.KeyId))
        {
            Context.Items[RateLimitedItem] = true;
            return AuthenticateResult.Fail("Too many requests for this key.");
        }
        return Success(new Claim(FleetClaims.AccountId, owner.AccountId), new Claim(FleetClaims.ApiKeyId, owner.KeyId));
    }

    private string ClientAddress => Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private AuthenticateResult Failed(string address, string reason)
    {
        failures.RecordFailure(address);
        return AuthenticateResult.Fail(reason);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(BlockedItem))
        {
            Response.Headers.RetryAfter = ((int)failures.Window.TotalSeconds).ToString();
            await Results.Problem(
                    title: "Too many failed attempts",
                    detail: "This address sent too many unknown or malformed keys. Wait and retry with a valid key.",
                    statusCode: StatusCodes.Status429TooManyRequests)
                .ExecuteAsync(Context);
            return;
        }
        if (Context.Items.ContainsKey(RateLimitedItem))
        {
            Response.Headers.RetryAfter = ((int)KeyRequestLimiter.Window.TotalSeconds).ToString();
            await Results.Problem(
                    title: "Too many requests",
                    detail: $"This key made more than {requests.PerMinute} requests this minute (limit: {KeyRequestLimiter.LimitName}). Retry after the minute.",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    extensions: new Dictionary<string, object?> { ["limit"] = KeyRequestLimiter.LimitName, ["max"] = requests.PerMinute })
                .ExecuteAsync(Context);
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = IsOperatorDashboard ? "Basic realm=\"Fleet operator\", charset=\"UTF-8\"" : "Bearer";
        await Results.Problem(
                title: "Unauthorized",
                detail: "Send an API key as 'Authorization: Bearer <key>'. The key is missing, unknown or malformed.",
                statusCode: StatusCodes.Status401Unauthorized)
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(
                title: "Forbidden",
                detail: "This key may not do this: account administration needs the operator key, account data an account key.",
                statusCode: StatusCodes.Status403Forbidden)
            .ExecuteAsync(Context);

    private string? ReadKey()
    {
        string header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim();
        if (IsOperatorDashboard && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return BasicPassword(header["Basic ".Length..].Trim());
        return header.Length > 0 ? "" : null;
    }

    private bool IsOperatorDashboard => Request.Path.StartsWithSegments(OperatorDashboardExtensions.Path);

    /// <summary>The password of a Basic credential (the user name is ignored), or "" when it is malformed.</summary>
    private static string BasicPassword(string encoded)
    {
        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? "" : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return "";
        }
    }

    private static AuthenticateResult Success(params Claim[] claims)
    {
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
