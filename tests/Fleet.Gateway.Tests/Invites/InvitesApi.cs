using System.Net.Http.Json;
using System.Text.Json;

namespace Fleet.Gateway.Tests.Invites;

public sealed record Invite(string Email, string Code, DateTimeOffset ExpiresAt, bool Mailed, string? MailError);

public static class InvitesApi
{
    public static async Task<IReadOnlyList<Invite>> InviteAsync(this HttpClient accountClient, params string[] emails)
    {
        using var response = await accountClient.PostAsJsonAsync("/api/v1/invites", new { emails });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST /api/v1/invites answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<List<Invite>>(body, JsonSerializerOptions.Web)!;
    }
}
