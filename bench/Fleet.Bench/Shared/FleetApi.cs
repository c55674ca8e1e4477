using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Fleet.Bench.Shared;

/// <summary>The REST calls the benchmarks make: an account (operator key), its policy, and invites (account key).</summary>
public sealed class FleetApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };

    public sealed record Account(string Id, string Name, string ApiKey);

    private sealed record Invite(string Email, string Code);

    /// <summary>A benchmark policy: every check kind, so acks carry eight results like a real account's.</summary>
    public const string Policy = """
        osVersion:
          darwin: { ok: ">=14.0" }
          win32: { ok: ">=10.0.19045" }
          ubuntu: { ok: ">=22.04" }
          fedora: { ok: ">=39" }
        firewall: ALWAYS
        diskEncryption: ALWAYS
        automaticUpdates: SUGGESTED
        screenLock: ALWAYS
        screenIdle: "<=600"
        remoteLogin: NEVER
        applications:
          - name: Slack
            assertion: SUGGESTED
        """;

    public async Task<Account> CreateAccountAsync(string operatorKey, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/accounts") { Content = JsonContent.Create(new { name }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        return JsonSerializer.Deserialize<Account>(await SendAsync(request), JsonSerializerOptions.Web)!;
    }

    public async Task<long> PutPolicyAsync(string accountKey, string yaml)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/policy") { Content = new StringContent(yaml, Encoding.UTF8, "application/yaml") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accountKey);
        using var answer = JsonDocument.Parse(await SendAsync(request));
        return answer.RootElement.GetProperty("version").GetInt64();
    }

    /// <summary>One invite per address, 500 addresses per request (the API's limit). Codes in address order.</summary>
    public async Task<List<string>> InviteAsync(string accountKey, IReadOnlyList<string> emails)
    {
        var codes = new List<string>(emails.Count);
        foreach (var chunk in emails.Chunk(500))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/invites") { Content = JsonContent.Create(new { emails = chunk }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accountKey);
            var invites = JsonSerializer.Deserialize<List<Invite>>(await SendAsync(request), JsonSerializerOptions.Web)!;
            codes.AddRange(invites.Select(i => i.Code));
        }
        return codes;
    }

    private async Task<string> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    public void Dispose() => _http.Dispose();
}
