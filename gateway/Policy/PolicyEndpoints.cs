using System.Security.Claims;
using System.Text;
using Fleet.Compliance.Policy;
using Fleet.Contracts.Policy;
using Fleet.Gateway.Security;
using Microsoft.Net.Http.Headers;

namespace Fleet.Gateway.Policy;

/// <summary>
/// <c>GET/PUT /api/v1/policy</c>. The body is the policy document itself, YAML or JSON by Content-Type
/// (application/json → JSON; application/yaml, text/yaml, text/plain or none → YAML; JSON is valid YAML,
/// so a JSON body sent as text/plain still parses). An invalid policy answers 400 with every error's line
/// and column and stores nothing. A key Fleet does not know is skipped and reported beside the 200 as
/// <c>warnings: [{line, column, message}]</c>; <c>?strict=true</c> refuses it instead.
/// </summary>
public static class PolicyEndpoints
{
    private static readonly string[] YamlTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"];

    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var policy = endpoints.MapGroup("/api/v1/policy").RequireAuthorization(FleetPolicies.Account);
        policy.MapGet("/", GetAsync);
        policy.MapPut("/", PutAsync);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var document = await grains.GetGrain<IAccountPolicyGrain>(user.GetAccountId()!).GetPolicy();
        return Results.Ok(new { version = document.Version, policy = document.Text, format = document.Format, updatedOn = document.UpdatedOn });
    }

    private static async Task<IResult> PutAsync(HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, bool? strict)
    {
        if (FormatOf(request.ContentType) is not { } format)
            return Results.Problem(
                title: "Unsupported policy format",
                detail: $"Send the policy as application/yaml (or text/yaml, text/plain) or application/json; got '{request.ContentType}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);

        var text = await ReadBodyAsync(request, PolicyParser.MaxLength);
        if (text is null)
            return Results.Problem(
                title: "Policy too large",
                detail: $"A policy may be at most {PolicyParser.MaxLength} characters.",
                statusCode: StatusCodes.Status413PayloadTooLarge);

        var result = await grains.GetGrain<IAccountPolicyGrain>(user.GetAccountId()!).SetPolicy(text, format, strict == true);
        if (!result.Succeeded)
            return Results.Problem(
                title: "Invalid policy",
                detail: $"The policy was refused with {result.Errors.Count} error(s); nothing was stored. Fix each at its line and column.",
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = result.Errors.Select(e => new { line = e.Line, column = e.Column, message = e.Message }).ToArray(),
                });
        return Results.Ok(new
        {
            version = result.Version,
            warnings = result.Warnings.Select(w => new { line = w.Line, column = w.Column, message = w.Message }).ToArray(),
        });
    }

    private static string? FormatOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return PolicyFormat.Yaml;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type) return null;
        if (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)) return PolicyFormat.Json;
        return YamlTypes.Contains(type, StringComparer.OrdinalIgnoreCase) ? PolicyFormat.Yaml : null;
    }

    /// <summary>The body as UTF-8 text, or null when longer than <paramref name="maxChars"/>.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, int maxChars)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[maxChars + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(total, buffer.Length - total), request.HttpContext.RequestAborted)) > 0)
            total += read;
        return total > maxChars ? null : new string(buffer, 0, total);
    }
}
