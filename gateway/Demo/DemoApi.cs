using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Fleet.Gateway.Demo;

/// <summary>
/// The demo sets itself up through the gateway's own public API over loopback — the same code paths a person's
/// script would use (accounts, policy, invites, graph), so the demo proves them instead of bypassing them.
/// </summary>
public sealed class DemoApi(HttpClient http)
{
    public async Task<(string AccountId, string ApiKey)> CreateAccountAsync(string operatorKey, string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/accounts") { Content = JsonContent.Create(new { name }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        using var response = await SendAsync(request, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return (body.GetProperty("id").GetString()!, body.GetProperty("apiKey").GetString()!);
    }

    /// <summary>Whether the key still opens its account (a data folder may have been reset under an old demo.json).</summary>
    public async Task<bool> KeyWorksAsync(string apiKey, string accountId, CancellationToken cancellationToken)
    {
        using var request = Account(HttpMethod.Get, $"api/v1/accounts/{accountId}", apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    public async Task PutPolicyAsync(string apiKey, string yaml, CancellationToken cancellationToken)
    {
        using var request = Account(HttpMethod.Put, "api/v1/policy", apiKey);
        request.Content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Invite codes by e-mail, through <c>POST /api/v1/invites</c>.</summary>
    public async Task<Dictionary<string, string>> InviteAsync(string apiKey, IReadOnlyCollection<string> emails, CancellationToken cancellationToken)
    {
        using var request = Account(HttpMethod.Post, "api/v1/invites", apiKey);
        request.Content = JsonContent.Create(new { emails });
        using var response = await SendAsync(request, cancellationToken);
        var invites = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return invites.EnumerateArray().ToDictionary(i => i.GetProperty("email").GetString()!, i => i.GetProperty("code").GetString()!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary><c>POST /api/v1/graph</c>; false when this gateway has no graph API.</summary>
    public async Task<bool> UpsertGraphAsync(string apiKey, object body, CancellationToken cancellationToken)
    {
        using var request = Account(HttpMethod.Post, "api/v1/graph", apiKey);
        request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
            return false;
        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    private static HttpRequestMessage Account(HttpMethod method, string path, string apiKey)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return response;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var problem = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {problem}");
    }
}
