using System.Text.Json;
using Fleet.Contracts.Scim;
using Microsoft.AspNetCore.Http.Features;

namespace Fleet.Gateway.Scim;

/// <summary>
/// Reads a SCIM body: <c>application/scim+json</c> or <c>application/json</c>, at most <see cref="ScimLimits.MaxBodyBytes"/>,
/// nested at most <see cref="MaxDepth"/> deep, a JSON object.
/// </summary>
public static class ScimRequestBody
{
    public const int MaxDepth = 16;

    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request)
    {
        var contentType = request.ContentType ?? "";
        if (!contentType.StartsWith(ScimResults.MediaType, StringComparison.OrdinalIgnoreCase)
            && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new ScimRequestException(StatusCodes.Status415UnsupportedMediaType, null,
                $"send the body as {ScimResults.MediaType} (or application/json), not '{contentType}'.");
        if (request.ContentLength > ScimLimits.MaxBodyBytes)
            throw new ScimRequestException(StatusCodes.Status413PayloadTooLarge, null, $"the body is larger than {ScimLimits.MaxBodyBytes} bytes.");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = ScimLimits.MaxBodyBytes;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = MaxDepth }, request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw ScimRequestException.InvalidSyntax("the body must be a JSON object.");
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw ScimRequestException.InvalidSyntax($"the body is not valid JSON: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ScimRequestException(StatusCodes.Status413PayloadTooLarge, null, $"the body is larger than {ScimLimits.MaxBodyBytes} bytes.");
        }
    }
}
