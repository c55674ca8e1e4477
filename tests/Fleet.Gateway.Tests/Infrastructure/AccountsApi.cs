using System.Net.Http.Json;
using System.Text.Json;

namespace Fleet.Gateway.Tests.Infrastructure;

public sealed record CreatedAccount(string Id, string Name, string ApiKey);

public static class AccountsApi
{
    public static async Task<CreatedAccount> CreateAccountAsync(this HttpClient operatorClient, string name)
    {
        using var response = await operatorClient.PostAsJsonAsync("/api/v1/accounts", new { name });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Create account answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<CreatedAccount>(body, JsonSerializerOptions.Web)!;
    }
}
