using System.Text.Json;
using System.Text.Json.Nodes;
using Fleet.Contracts.Scim;

namespace Fleet.Gateway.Scim;

/// <summary>Answers in <c>application/scim+json</c>, and SCIM error bodies (RFC 7644 §3.12).</summary>
public static class ScimResults
{
    public const string MediaType = "application/scim+json";
    public const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK, string? location = null, int? version = null) =>
        new ScimJsonResult(body, status, location, version);

    public static IResult Error(int status, string? scimType, string detail)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ErrorSchema),
            ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["detail"] = detail,
        };
        if (scimType is not null)
            body["scimType"] = scimType;
        return new ScimJsonResult(body, status, null, null);
    }

    public static IResult Error(ScimError error) => error.Kind switch
    {
        ScimErrorKind.NotFound => Error(StatusCodes.Status404NotFound, null, error.Detail),
        ScimErrorKind.Uniqueness => Error(StatusCodes.Status409Conflict, "uniqueness", error.Detail),
        ScimErrorKind.LimitReached => Error(StatusCodes.Status403Forbidden, null, error.Detail),
        ScimErrorKind.InvalidValue => Error(StatusCodes.Status400BadRequest, "invalidValue", error.Detail),
        ScimErrorKind.VersionMismatch => Error(StatusCodes.Status412PreconditionFailed, null, error.Detail),
        _ => Error(StatusCodes.Status400BadRequest, null, error.Detail),
    };

    public static IResult NotFound(string what, string id) => Error(StatusCodes.Status404NotFound, null, $"no {what} has the id '{id}' in this account.");

    private sealed class ScimJsonResult(JsonNode body, int status, string? location, int? version) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = MediaType;
            if (location is not null)
                response.Headers.Location = location;
            if (version is { } v)
                response.Headers.ETag = ScimJson.ETag(v);
            await using var writer = new Utf8JsonWriter(response.Body);
            body.WriteTo(writer);
            await writer.FlushAsync(httpContext.RequestAborted);
        }
    }
}

/// <summary>Turns a refused request into its SCIM error, so no handler writes error bodies itself.</summary>
public sealed class ScimErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ScimRequestException e)
        {
            return ScimResults.Error(e.Status, e.ScimType, e.Message);
        }
    }
}
