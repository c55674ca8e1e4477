using System.Security.Claims;
using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;
using Fleet.Compliance.Remediation;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Devices;
using Fleet.Contracts.Policy;
using Fleet.Gateway.Security;
using CompliancePolicy = Fleet.Compliance.Policy.Policy;

namespace Fleet.Gateway.Devices;

/// <summary>
/// <c>GET /api/v1/devices</c> (filters: compliant, status, platform, person) and <c>GET /api/v1/devices/{id}</c>
/// (facts, results with remediation for the device's platform, recent history). The list reads the account's
/// membership partitions in parallel and then each device (bounded); the query engine will serve large fleets.
/// Another account's device answers 404 exactly like a missing one.
/// </summary>
public static class DeviceEndpoints
{
    private const int ListParallelism = 64;
    private const int HistoryEntries = 50;

    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var devices = endpoints.MapGroup("/api/v1/devices").RequireAuthorization(FleetPolicies.Account);
        devices.MapGet("/", ListAsync);
        devices.MapGet("/{id}", GetAsync);
        devices.MapDelete("/{id}", DeleteAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(
        bool? compliant, string? status, string? platform, string? person, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        ComplianceStatus? wantedStatus = null;
        if (status is not null)
        {
            if (ComplianceStatusWire.TryParse(status.ToUpperInvariant(), out var parsed)) wantedStatus = parsed;
            else errors["status"] = [$"status must be PASS, NUDGE, FAIL or UNKNOWN; got '{status}'."];
        }
        Platform? wantedPlatform = null;
        if (platform is not null)
        {
            if (DeviceJson.TryParsePlatform(platform, out var parsed)) wantedPlatform = parsed;
            else errors["platform"] = [$"platform must be darwin, win32 or linux; got '{platform}'."];
        }
        if (errors.Count > 0) return Results.ValidationProblem(errors);

        var accountId = user.GetAccountId()!;
        var ids = await grains.ListAsync(accountId, MemberKind.Device);
        var devices = new DeviceDetails?[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = ListParallelism },
            async (i, _) => devices[i] = await grains.GetGrain<IDeviceGrain>(ids[i]).Get());

        var personEmail = person?.Trim().ToLowerInvariant();
        var matching = devices
            .OfType<DeviceDetails>()
            .Where(d => d.AccountId == accountId)
            .Where(d => compliant is null || d.Compliant == compliant)
            .Where(d => wantedStatus is null || d.Status == wantedStatus)
            .Where(d => wantedPlatform is null || d.Facts.Platform == wantedPlatform)
            .Where(d => personEmail is null || d.PersonEmail == personEmail || d.PersonId == person)
            .OrderBy(d => d.Facts.Hostname, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(DeviceJson.Summary)
            .ToList();
        return Results.Ok(new { count = matching.Count, devices = matching });
    }

    /// <summary>
    /// Removes a device (a lost or retired laptop): it leaves lists, the graph and standing queries, its agent's open
    /// stream ends and its token is refused from then on. Only a new invite enrolls that machine again.
    /// </summary>
    private static async Task<IResult> DeleteAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!DeviceIds.IsWellFormed(id)) return NotFound(id);
        var grain = grains.GetGrain<IDeviceGrain>(id);
        if (await grain.GetAccountId() != user.GetAccountId()) return NotFound(id);
        return await grain.Remove() ? Results.NoContent() : NotFound(id);
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var accountId = user.GetAccountId()!;
        if (!DeviceIds.IsWellFormed(id)) return NotFound(id);
        var grain = grains.GetGrain<IDeviceGrain>(id);
        var device = await grain.Get();
        if (device is null || device.AccountId != accountId) return NotFound(id);

        var history = await grain.GetRecentHistory(HistoryEntries);
        var policy = await CurrentPolicyAsync(grains, accountId);
        return Results.Ok(DeviceJson.Details(device, policy, history));
    }

    private static async Task<CompliancePolicy> CurrentPolicyAsync(IGrainFactory grains, string accountId)
    {
        var document = await grains.GetGrain<IAccountPolicyGrain>(accountId).GetPolicy();
        return PolicyParser.Parse(document.CanonicalJson).Policy ?? CompliancePolicy.Empty;
    }

    private static IResult NotFound(string id) =>
        Results.Problem(title: "Device not found", detail: $"No device '{id}' is visible to this key.", statusCode: StatusCodes.Status404NotFound);
}
