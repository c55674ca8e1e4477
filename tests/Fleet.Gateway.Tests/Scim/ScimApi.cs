using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Fleet.Gateway.Tests.Scim;

public sealed record ScimAnswer(HttpStatusCode Status, JsonElement Body, string? ContentType, HttpResponseHeaders Headers)
{
    public string Id => Body.GetProperty("id").GetString()!;

    public string? ScimType => Body.TryGetProperty("scimType", out var t) ? t.GetString() : null;

    public override string ToString() => $"{(int)Status} {Body}";
}

/// <summary>SCIM calls as an IdP makes them: <c>application/scim+json</c> bodies, answers read whatever their status.</summary>
public static class ScimApi
{
    public static async Task<ScimAnswer> ScimAsync(this HttpClient client, HttpMethod method, string path, string? json = null, string mediaType = "application/scim+json")
    {
        using var request = new HttpRequestMessage(method, "/scim/v2" + path);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, mediaType);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new ScimAnswer(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, response.Headers);
    }

    public static Task<ScimAnswer> ScimGetAsync(this HttpClient client, string path) => client.ScimAsync(HttpMethod.Get, path);

    public static Task<ScimAnswer> ScimPostAsync(this HttpClient client, string path, string json) => client.ScimAsync(HttpMethod.Post, path, json);

    public static Task<ScimAnswer> ScimPatchAsync(this HttpClient client, string path, string json) => client.ScimAsync(HttpMethod.Patch, path, json);

    public static Task<ScimAnswer> ScimPutAsync(this HttpClient client, string path, string json) => client.ScimAsync(HttpMethod.Put, path, json);

    public static Task<ScimAnswer> ScimDeleteAsync(this HttpClient client, string path) => client.ScimAsync(HttpMethod.Delete, path);

    /// <summary>Creates a user and returns its id; fails the test on anything but 201.</summary>
    public static async Task<string> CreateUserAsync(this HttpClient client, string userName, string? email = null, bool active = true, string? externalId = null)
    {
        var answer = await client.ScimPostAsync("/Users", JsonSerializer.Serialize(new
        {
            schemas = new[] { "urn:ietf:params:scim:schemas:core:2.0:User" },
            userName,
            externalId,
            active,
            emails = new[] { new { value = email ?? userName, type = "work", primary = true } },
        }));
        Assert.True(answer.Status == HttpStatusCode.Created, answer.ToString());
        return answer.Id;
    }

    public static string Filter(string filter) => "/Users?filter=" + Uri.EscapeDataString(filter);

    public static List<string> UserNames(ScimAnswer list) =>
        [.. list.Body.GetProperty("Resources").EnumerateArray().Select(r => r.GetProperty("userName").GetString()!)];
}
