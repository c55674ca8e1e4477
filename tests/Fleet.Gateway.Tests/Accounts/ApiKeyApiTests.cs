using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Push;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fleet.Gateway.Tests.Accounts;

/// <summary>API keys and their revocation through a real gateway process (docs/security.md, Authentication keys and revocation).</summary>
public sealed class ApiKeyApiTests(EmbeddedGatewayFixture fixture) : IClassFixture<EmbeddedGatewayFixture>
{
    // Proves a created key works, is listed without any secret, and once deleted is refused on the very next request.
    [Fact]
    public async Task A_deleted_key_is_refused_at_once_and_keys_are_listed_without_secrets()
    {
        var account = await fixture.Gateway.CreateOperatorClient().CreateAccountAsync("Keys");
        var admin = fixture.Gateway.CreateClient(account.ApiKey);

        using var create = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "CI pipeline" });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var created = await create.Content.ReadFromJsonAsync<JsonElement>();
        var (id, key) = (created.GetProperty("id").GetString()!, created.GetProperty("apiKey").GetString()!);
        Assert.Equal("CI pipeline", created.GetProperty("name").GetString());
        var ci = fixture.Gateway.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await ci.GetAsync("/api/v1/devices")).StatusCode);

        var listed = await admin.GetStringAsync("/api/v1/api-keys");
        var keys = JsonDocument.Parse(listed).RootElement.EnumerateArray().ToList();
        Assert.Equal(["CI pipeline", "initial key"], keys.Select(k => k.GetProperty("name").GetString()).Order());
        Assert.NotNull(keys.Single(k => k.GetProperty("id").GetString() == id).GetProperty("lastUsedOn").GetString());
        Assert.DoesNotContain(key, listed);
        Assert.DoesNotContain(account.ApiKey, listed);
        Assert.DoesNotContain("fleet_", listed);

        using var deleted = await admin.DeleteAsync($"/api/v1/api-keys/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ci.GetAsync("/api/v1/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode);
    }

    // Proves the account's last key cannot be deleted (409), so an account is never locked out.
    [Fact]
    public async Task Deleting_the_last_key_is_409()
    {
        var account = await fixture.Gateway.CreateOperatorClient().CreateAccountAsync("LastKey");
        var admin = fixture.Gateway.CreateClient(account.ApiKey);
        var only = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/api-keys")).RootElement.EnumerateArray().Single();

        using var response = await admin.DeleteAsync($"/api/v1/api-keys/{only.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/devices")).StatusCode);
    }

    // Proves a dashboard connected with a key is closed when the key is deleted, and cannot connect again with it.
    [Fact]
    public async Task Deleting_a_key_closes_the_dashboards_connected_with_it()
    {
        var account = await fixture.Gateway.CreateOperatorClient().CreateAccountAsync("Hub");
        var admin = fixture.Gateway.CreateClient(account.ApiKey);
        using var create = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "wallboard" });
        var created = await create.Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("apiKey").GetString()!;
        await using var wallboard = await DashboardClient.ConnectAsync(fixture.Gateway, key);
        await using var other = await DashboardClient.ConnectAsync(fixture.Gateway, account.ApiKey);
        var closed = new TaskCompletionSource();
        wallboard.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        using var deleted = await admin.DeleteAsync($"/api/v1/api-keys/{created.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Connected, other.Connection.State);
        await Assert.ThrowsAnyAsync<Exception>(() => DashboardClient.ConnectAsync(fixture.Gateway, key));
    }

    // Proves a key's name is checked: empty or with control characters is a 400 naming the field.
    [Theory]
    [InlineData("")]
    [InlineData("ci\u0000")]
    public async Task A_key_without_a_proper_name_is_400(string name)
    {
        var account = await fixture.Gateway.CreateOperatorClient().CreateAccountAsync("Names");

        using var response = await fixture.Gateway.CreateClient(account.ApiKey).PostAsJsonAsync("/api/v1/api-keys", new { name });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _));
    }
}
