using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Push;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fleet.Gateway.Tests.Security;

/// <summary>A gateway with small per-account limits (docs/security.md, Fair sharing): each limit hit is a 4xx naming it.</summary>
public sealed class AccountLimitsFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    public GatewayProcess Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await GatewayProcess.StartEmbeddedAsync(_data.Path, new Dictionary<string, string>
    {
        ["Fleet:Limits:GraphEntitiesPerAccount"] = "4",
        ["Fleet:Limits:GraphClassesPerAccount"] = "3",
        ["Fleet:Limits:StandingQueriesPerConnection"] = "2",
    });

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        _data.Dispose();
    }
}

public sealed class AccountLimitsTests(AccountLimitsFixture fixture) : IClassFixture<AccountLimitsFixture>
{
    // Proves an API write that would take the account past its entity limit is refused whole, naming the limit.
    [Fact]
    public async Task A_graph_write_past_the_entity_limit_is_refused_naming_it()
    {
        var api = await NewAccountAsync();
        Assert.Equal(HttpStatusCode.OK, (await WriteUsersAsync(api, "u1", "u2")).StatusCode);

        using var refused = await WriteUsersAsync(api, "u3", "u4", "u5");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("graphEntitiesPerAccount", await refused.Content.ReadAsStringAsync());
        using var query = await api.PostAsJsonAsync("/api/v1/query", new { query = "FIND User" });
        Assert.Equal(2, (await query.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetArrayLength());
    }

    // Proves an API write that would take the account past its class limit is refused, naming the limit.
    [Fact]
    public async Task A_graph_write_past_the_class_limit_is_refused_naming_it()
    {
        var api = await NewAccountAsync();
        using var first = await api.PostAsJsonAsync("/api/v1/graph", new { entities = new[] { Entity("g1", "UserGroup", "okta_group") } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var refused = await api.PostAsJsonAsync("/api/v1/graph", new
        {
            entities = new[] { Entity("r1", "CodeRepo", "github_repo"), Entity("a1", "Application", "okta_app") },
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("graphClassesPerAccount", await refused.Content.ReadAsStringAsync());
    }

    // Proves a dashboard connection holds a bounded number of standing queries.
    [Fact]
    public async Task A_connection_past_its_standing_query_limit_is_refused_naming_it()
    {
        var account = await fixture.Gateway.CreateOperatorClient().CreateAccountAsync("Queries");
        await using var dashboard = await DashboardClient.ConnectAsync(fixture.Gateway, account.ApiKey);
        await dashboard.Connection.InvokeAsync<JsonElement>("SubscribeQuery", "FIND Device");
        await dashboard.Connection.InvokeAsync<JsonElement>("SubscribeQuery", "FIND HostAgent");

        var refused = await Assert.ThrowsAsync<HubException>(() => dashboard.Connection.InvokeAsync<JsonElement>("SubscribeQuery", "FIND Person"));

        Assert.Contains("standingQueriesPerConnection", refused.Message);
    }

    // Proves a webhook's headers are bounded: too many, or a value with a line break, is a 400 on the field.
    [Theory]
    [InlineData(21, "x")]
    [InlineData(1, "x\r\nInjected: yes")]
    public async Task Webhook_headers_beyond_the_limits_are_400(int count, string value)
    {
        var api = await NewAccountAsync();
        var headers = Enumerable.Range(0, count).ToDictionary(i => $"X-H{i}", _ => value);

        using var response = await api.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Headers",
            query = "FIND HostAgent",
            actions = new object[] { new { type = "WEBHOOK", endpoint = "https://hooks.example.com/x", headers } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("actions[0].headers", out _));
    }

    private async Task<HttpClient> NewAccountAsync()
    {
        var account = await fixture.Gateway.CreateOperatorClient().CreateAccountAsync("Limits");
        return fixture.Gateway.CreateClient(account.ApiKey);
    }

    private static Task<HttpResponseMessage> WriteUsersAsync(HttpClient api, params string[] keys) =>
        api.PostAsJsonAsync("/api/v1/graph", new { entities = keys.Select(k => Entity(k, "User", "okta_user")).ToArray() });

    private static object Entity(string key, string @class, string type) =>
        new { _key = key, _class = @class, _type = type, displayName = key, properties = new { } };
}

/// <summary>REST requests per key per minute, on a gateway of its own (a limit of 5 would trip every other test).</summary>
public sealed class KeyRequestLimitTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private GatewayProcess _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayProcess.StartEmbeddedAsync(_data.Path,
        new Dictionary<string, string> { ["Fleet:Limits:RequestsPerKeyPerMinute"] = "5" });

    // Proves a key past its requests per minute gets 429 naming the limit, while another account's key is still served.
    [Fact]
    public async Task A_key_past_its_requests_per_minute_is_429_and_other_keys_are_served()
    {
        var busy = await _gateway.CreateOperatorClient().CreateAccountAsync("Busy");
        var calm = await _gateway.CreateOperatorClient().CreateAccountAsync("Calm");
        var api = _gateway.CreateClient(busy.ApiKey);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/settings")).StatusCode);

        using var limited = await api.GetAsync("/api/v1/settings");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("requestsPerKeyPerMinute", await limited.Content.ReadAsStringAsync());
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await _gateway.CreateClient(calm.ApiKey).GetAsync("/api/v1/settings")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _data.Dispose();
    }
}
