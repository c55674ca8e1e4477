using System.Security.Claims;
using Fleet.Contracts.Policy;
using Fleet.Gateway.Security;

namespace Fleet.Gateway.Settings;

/// <summary>
/// <c>GET/PUT /api/v1/settings</c>. PUT replaces the settings: a field left out takes its default
/// (scanIntervalSeconds 3600, offlineAfterSeconds 180, minAgentVersion null). Out-of-range values answer 400
/// with the field errors and store nothing.
/// </summary>
public static class SettingsEndpoints
{
    public static IEndpointRouteBuilder MapSettingsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var settings = endpoints.MapGroup("/api/v1/settings").RequireAuthorization(FleetPolicies.Account);
        settings.MapGet("/", GetAsync);
        settings.MapPut("/", PutAsync);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        Results.Ok(ToJson(await grains.GetGrain<IAccountPolicyGrain>(user.GetAccountId()!).GetSettings()));

    private static async Task<IResult> PutAsync(SettingsRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var settings = new AccountSettings(
            request.ScanIntervalSeconds ?? AccountSettings.Default.ScanIntervalSeconds,
            request.OfflineAfterSeconds ?? AccountSettings.Default.OfflineAfterSeconds,
            string.IsNullOrWhiteSpace(request.MinAgentVersion) ? null : request.MinAgentVersion.Trim());
        var errors = await grains.GetGrain<IAccountPolicyGrain>(user.GetAccountId()!).SetSettings(settings);
        return errors.Count > 0 ? Results.ValidationProblem(errors) : Results.Ok(ToJson(settings));
    }

    private static object ToJson(AccountSettings settings) => new
    {
        scanIntervalSeconds = settings.ScanIntervalSeconds,
        offlineAfterSeconds = settings.OfflineAfterSeconds,
        minAgentVersion = settings.MinAgentVersion,
    };
}

public sealed record SettingsRequest(int? ScanIntervalSeconds, int? OfflineAfterSeconds, string? MinAgentVersion);
