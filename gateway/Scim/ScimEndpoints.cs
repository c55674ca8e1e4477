using System.Globalization;
using System.Security.Claims;
using Fleet.Contracts.Scim;
using Fleet.Gateway.Hosting;
using Fleet.Gateway.Security;

namespace Fleet.Gateway.Scim;

/// <summary>
/// SCIM 2.0 provisioning at <c>/scim/v2</c> (docs/scim.md): an account API key as the bearer token; the account comes
/// from the key, so every id is looked up in that account's directory only (another account's id is a 404).
/// </summary>
public static class ScimEndpoints
{
    public const string Prefix = "/scim/v2";
    private const int MaxIdLength = 64;

    public static IEndpointRouteBuilder MapScimEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var scim = endpoints.MapGroup(Prefix).RequireAuthorization(FleetPolicies.Account).AddEndpointFilter<ScimErrorFilter>();

        scim.MapGet("/ServiceProviderConfig", (PublicUrls urls) => ScimResults.Json(ScimDiscovery.ServiceProviderConfig(BaseUrl(urls))));
        scim.MapGet("/ResourceTypes", (PublicUrls urls) => ScimResults.Json(ScimDiscovery.ResourceTypes(BaseUrl(urls))));
        scim.MapGet("/ResourceTypes/{name}", (string name, PublicUrls urls) => name switch
        {
            "User" => ScimResults.Json(ScimDiscovery.UserType(BaseUrl(urls))),
            "Group" => ScimResults.Json(ScimDiscovery.GroupType(BaseUrl(urls))),
            _ => ScimResults.NotFound("resource type", name),
        });
        scim.MapGet("/Schemas", (PublicUrls urls) => ScimResults.Json(ScimDiscovery.Schemas(BaseUrl(urls))));
        scim.MapGet("/Schemas/{id}", (string id, PublicUrls urls) => id switch
        {
            ScimJson.UserSchema => ScimResults.Json(ScimDiscovery.UserSchema(BaseUrl(urls))),
            ScimJson.GroupSchema => ScimResults.Json(ScimDiscovery.GroupSchema(BaseUrl(urls))),
            _ => ScimResults.NotFound("schema", id),
        });

        scim.MapPost("/Users", CreateUserAsync);
        scim.MapGet("/Users", ListUsersAsync);
        scim.MapGet("/Users/{id}", GetUserAsync);
        scim.MapPut("/Users/{id}", ReplaceUserAsync);
        scim.MapPatch("/Users/{id}", PatchUserAsync);
        scim.MapDelete("/Users/{id}", DeleteUserAsync);

        scim.MapPost("/Groups", CreateGroupAsync);
        scim.MapGet("/Groups", ListGroupsAsync);
        scim.MapGet("/Groups/{id}", GetGroupAsync);
        scim.MapPut("/Groups/{id}", ReplaceGroupAsync);
        scim.MapPatch("/Groups/{id}", PatchGroupAsync);
        scim.MapDelete("/Groups/{id}", DeleteGroupAsync);

        // Unknown paths under /scim/v2 answer a SCIM 404 too, not an empty one.
        scim.Map("/{**rest}", (string rest) => ScimResults.Error(StatusCodes.Status404NotFound, null, $"'{Prefix}/{rest}' is not a SCIM endpoint of Fleet (Users, Groups, ServiceProviderConfig, ResourceTypes, Schemas)."));
        return endpoints;
    }

    private static string BaseUrl(PublicUrls urls) => new Uri(urls.Web, Prefix.TrimStart('/')).ToString().TrimEnd('/');

    private static IScimDirectoryGrain Directory(ClaimsPrincipal user, IGrainFactory grains) =>
        grains.GetGrain<IScimDirectoryGrain>(ScimKeys.Directory(user.GetAccountId()!));

    // Ids are server-assigned GUIDs; anything longer is nobody's, without asking the grain.
    private static bool Plausible(string id) => id.Length is > 0 and <= MaxIdLength;

    private static async Task<IResult> CreateUserAsync(HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, PublicUrls urls)
    {
        var input = ScimUserDraft.Read(await ScimRequestBody.ReadObjectAsync(request));
        var result = await Directory(user, grains).CreateUser(input);
        return result.Value is { } created
            ? ScimResults.Json(ScimJson.User(created, BaseUrl(urls)), StatusCodes.Status201Created, $"{BaseUrl(urls)}/Users/{created.Id}", created.Version)
            : ScimResults.Error(result.Error!);
    }

    private static async Task<IResult> GetUserAsync(string id, ClaimsPrincipal user, IGrainFactory grains, PublicUrls urls)
    {
        var found = Plausible(id) ? await Directory(user, grains).GetUser(id) : null;
        return found is null ? ScimResults.NotFound("user", id) : ScimResults.Json(ScimJson.User(found, BaseUrl(urls)), version: found.Version);
    }

    private static async Task<IResult> ListUsersAsync(HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, PublicUrls urls)
    {
        var (filter, startIndex, count) = ListQuery(request, ScimResourceKind.User);
        var page = await Directory(user, grains).ListUsers(filter, startIndex, count);
        var baseUrl = BaseUrl(urls);
        return ScimResults.Json(ScimJson.List(page, u => ScimJson.User(u, baseUrl)));
    }

    private static async Task<IResult> ReplaceUserAsync(string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, PublicUrls urls)
    {
        if (!Plausible(id))
            return ScimResults.NotFound("user", id);
        var input = ScimUserDraft.Read(await ScimRequestBody.ReadObjectAsync(request));
        return UserAnswer(await Directory(user, grains).ReplaceUser(id, input, expectedVersion: null), urls);
    }

    /// <summary>Read, apply, replace if unchanged since the read: concurrent PATCHes of one user never lose each other's change.</summary>
    private static async Task<IResult> PatchUserAsync(string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, PublicUrls urls)
    {
        if (!Plausible(id))
            return ScimResults.NotFound("user", id);
        var operations = ScimPatchOperation.ReadAll(await ScimRequestBody.ReadObjectAsync(request));
        var directory = Directory(user, grains);
        for (var attempt = 0; ; attempt++)
        {
            var current = await directory.GetUser(id);
            if (current is null)
                return ScimResults.NotFound("user", id);
            var result = await directory.ReplaceUser(id, ScimUserPatch.Apply(current.Input, operations), current.Version);
            if (result.Error is not { Kind: ScimErrorKind.VersionMismatch } || attempt == 4)
                return UserAnswer(result, urls);
        }
    }

    private static async Task<IResult> DeleteUserAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        Plausible(id) && await Directory(user, grains).DeleteUser(id) ? Results.NoContent() : ScimResults.NotFound("user", id);

    private static IResult UserAnswer(ScimResult<ScimUser> result, PublicUrls urls) => result.Value is { } changed
        ? ScimResults.Json(ScimJson.User(changed, BaseUrl(urls)), version: changed.Version)
        : ScimResults.Error(result.Error!);

    private static async Task<IResult> CreateGroupAsync(HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, PublicUrls urls)
    {
        var input = ScimGroupRequests.Read(await ScimRequestBody.ReadObjectAsync(request));
        var result = await Directory(user, grains).CreateGroup(input);
        return result.Value is { } created
            ? ScimResults.Json(ScimJson.Group(created, BaseUrl(urls), withMembers: true), StatusCodes.Status201Created, $"{BaseUrl(urls)}/Groups/{created.Id}", created.Version)
            : ScimResults.Error(result.Error!);
    }

    private static async Task<IResult> GetGroupAsync(string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, PublicUrls urls)
    {
        var found = Plausible(id) ? await Directory(user, grains).GetGroup(id) : null;
        return found is null
            ? ScimResults.NotFound("group", id)
            : ScimResults.Json(ScimJson.Group(found, BaseUrl(urls), WithMembers(request)), version: found.Version);
    }

    private static async Task<IResult> ListGroupsAsync(HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, PublicUrls urls)
    {
        var (filter, startIndex, count) = ListQuery(request, ScimResourceKind.Group);
        var page = await Directory(user, grains).ListGroups(filter, startIndex, count);
        var baseUrl = BaseUrl(urls);
        var withMembers = WithMembers(request);
        return ScimResults.Json(ScimJson.List(page, g => ScimJson.Group(g, baseUrl, withMembers)));
    }

    private static async Task<IResult> ReplaceGroupAsync(string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, PublicUrls urls)
    {
        if (!Plausible(id))
            return ScimResults.NotFound("group", id);
        var input = ScimGroupRequests.Read(await ScimRequestBody.ReadObjectAsync(request));
        return GroupAnswer(await Directory(user, grains).ReplaceGroup(id, input), urls);
    }

    private static async Task<IResult> PatchGroupAsync(string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, PublicUrls urls)
    {
        if (!Plausible(id))
            return ScimResults.NotFound("group", id);
        var patch = ScimGroupRequests.Patch(ScimPatchOperation.ReadAll(await ScimRequestBody.ReadObjectAsync(request)));
        var result = await Directory(user, grains).PatchGroup(id, patch);
        // RFC 7644 §3.5.2: 204 when the client did not ask for attributes back (what Entra ID and Okta expect is either).
        return result.Value is not null ? Results.NoContent() : ScimResults.Error(result.Error!);
    }

    private static async Task<IResult> DeleteGroupAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        Plausible(id) && await Directory(user, grains).DeleteGroup(id) ? Results.NoContent() : ScimResults.NotFound("group", id);

    private static IResult GroupAnswer(ScimResult<ScimGroup> result, PublicUrls urls) => result.Value is { } changed
        ? ScimResults.Json(ScimJson.Group(changed, BaseUrl(urls), withMembers: true), version: changed.Version)
        : ScimResults.Error(result.Error!);

    private static bool WithMembers(HttpRequest request) =>
        !request.Query["excludedAttributes"].ToString().Split(',').Any(a => a.Trim().Equals("members", StringComparison.OrdinalIgnoreCase));

    /// <summary><c>filter</c>, <c>startIndex</c> (1-based; below 1 reads as 1), <c>count</c> (negative reads as 0; capped at the page size).</summary>
    private static (ScimFilter? Filter, int StartIndex, int Count) ListQuery(HttpRequest request, ScimResourceKind kind)
    {
        ScimFilter? filter = null;
        var text = request.Query["filter"].ToString();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var parsed = ScimFilterParser.Parse(text, kind);
            filter = parsed.Filter ?? throw new ScimRequestException(StatusCodes.Status400BadRequest, "invalidFilter", $"the filter was not understood: {parsed.Error}");
        }
        var startIndex = Integer(request, "startIndex", 1);
        var count = Integer(request, "count", ScimLimits.MaxPageSize);
        return (filter, Math.Max(1, startIndex), Math.Clamp(count, 0, ScimLimits.MaxPageSize));
    }

    private static int Integer(HttpRequest request, string name, int fallback)
    {
        var text = request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
            return fallback;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw ScimRequestException.InvalidValue($"'{name}' must be an integer, not '{text}'.");
        return (int)Math.Clamp(value, int.MinValue, int.MaxValue);
    }
}
