using System.Security.Claims;
using Fleet.Contracts.Scim;
using Fleet.Gateway.Hosting;
using Fleet.Gateway.Security;

namespace Fleet.Gateway.Scim;

/// <summary>
/// <c>GET /api/v1/scim/status</c> (account key): the SCIM endpoint to give the IdP, the directory's counts and each
/// person's IdP status by e-mail, for the dashboard (admin page, devices). Bounded by the directory's user limit.
/// </summary>
public static class ScimStatusEndpoints
{
    public static IEndpointRouteBuilder MapScimStatusEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/scim/status", StatusAsync).RequireAuthorization(FleetPolicies.Account);
        return endpoints;
    }

    private static async Task<IResult> StatusAsync(ClaimsPrincipal user, IGrainFactory grains, PublicUrls urls)
    {
        var directory = grains.GetGrain<IScimDirectoryGrain>(ScimKeys.Directory(user.GetAccountId()!));
        var users = directory.ListUsers(null, 1, 0);
        var groups = directory.ListGroups(null, 1, 0);
        var people = directory.PersonStatuses();
        await Task.WhenAll(users, groups, people);
        return Results.Ok(new
        {
            endpoint = new Uri(urls.Web, ScimEndpoints.Prefix.TrimStart('/')).ToString(),
            users = users.Result.TotalResults,
            groups = groups.Result.TotalResults,
            people = people.Result.OrderBy(p => p.Email, StringComparer.Ordinal)
                .Select(p => new { email = p.Email, userName = p.UserName, active = p.Active, lastModifiedOn = p.LastModified }),
        });
    }
}
