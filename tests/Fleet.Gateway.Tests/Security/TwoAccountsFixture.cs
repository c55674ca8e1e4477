using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Invites;

namespace Fleet.Gateway.Tests.Security;

/// <summary>
/// One embedded gateway with two accounts: A owns data of every kind (policy, invite, device, graph entity, alert rule,
/// alert), B is the attacker with a valid key of its own. Key-guessing limits are lifted so the matrix's wrong keys
/// are answered 401 rather than 429 (the limits have their own tests).
/// </summary>
public sealed class TwoAccountsFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public GatewayProcess Gateway { get; private set; } = null!;
    public CreatedAccount A { get; private set; } = null!;
    public CreatedAccount B { get; private set; } = null!;
    public string DeviceA { get; private set; } = "";
    public string RuleA { get; private set; } = "";
    public string AlertA { get; private set; } = "";
    public string InviteCodeA { get; private set; } = "";
    public string ApiKeyIdA { get; private set; } = "";
    public string ScimUserA { get; private set; } = "";
    public string ScimGroupA { get; private set; } = "";
    public string MachineIdA { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Strings that identify A's data: none may appear in any answer given to B or to a caller without a valid key.</summary>
    public IReadOnlyList<string> SecretsOfA => [A.Id, A.ApiKey, ApiKeyIdA, DeviceA, RuleA, AlertA, InviteCodeA, "secret-host-a", "ann@secret-a.test", "okta:secret-a-user", "Secret A rule", "Secret A User",
        ScimUserA, ScimGroupA, "secret-a-scim-user", "Secret A group"];

    public async Task InitializeAsync()
    {
        Gateway = await GatewayProcess.StartEmbeddedAsync(_data.Path, new Dictionary<string, string>
        {
            ["Fleet:Security:AuthFailuresPerMinute"] = "1000000",
            ["Fleet:Security:AgentAuthFailuresPerMinute"] = "1000000",
        });
        var operatorClient = Gateway.CreateOperatorClient();
        A = await operatorClient.CreateAccountAsync("Tenant A");
        B = await operatorClient.CreateAccountAsync("Tenant B");
        var api = Gateway.CreateClient(A.ApiKey);
        ApiKeyIdA = JsonDocument.Parse(await api.GetStringAsync("/api/v1/api-keys")).RootElement[0].GetProperty("id").GetString()!;
        Ensure(await api.PutAsync("/api/v1/policy", new StringContent("firewall: ALWAYS\n", System.Text.Encoding.UTF8, "application/yaml")));
        InviteCodeA = (await api.InviteAsync("ann@secret-a.test")).Single().Code;
        using (var agent = new AgentClient(Gateway))
            DeviceA = (await agent.EnrollAsync(InviteCodeA, AgentClient.Facts(MachineIdA, hostname: "secret-host-a", firewall: false))).DeviceId;
        Ensure(await api.PostAsJsonAsync("/api/v1/graph", new
        {
            entities = new[] { new { _key = "okta:secret-a-user", _class = "User", _type = "okta_user", displayName = "Secret A User", properties = new { email = "ann@secret-a.test" } } },
        }));
        using (var user = Ensure(await api.PostAsync("/scim/v2/Users", ScimBody(new { userName = "secret-a-scim-user", emails = new[] { new { value = "ann@secret-a.test", primary = true } } }))))
            ScimUserA = (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using (var group = Ensure(await api.PostAsync("/scim/v2/Groups", ScimBody(new { displayName = "Secret A group", members = new[] { new { value = ScimUserA } } }))))
            ScimGroupA = (await group.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var rule = Ensure(await api.PostAsJsonAsync("/api/v1/alert-rules", new { name = "Secret A rule", query = "FIND HostAgent WITH compliant = false" }));
        RuleA = (await rule.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        AlertA = await FirstAlertAsync(api);
    }

    /// <summary>The rule fires for A's non-compliant device (evaluated on creation or on the next change).</summary>
    private static async Task<string> FirstAlertAsync(HttpClient api)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var alerts = JsonDocument.Parse(await api.GetStringAsync("/api/v1/alerts"));
            var list = alerts.RootElement.ValueKind == JsonValueKind.Array ? alerts.RootElement : alerts.RootElement.GetProperty("data");
            if (list.GetArrayLength() > 0)
                return list[0].GetProperty("id").GetString()!;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("A's alert rule did not fire: " + alerts.RootElement.GetRawText());
            await Task.Delay(250);
        }
    }

    public static StringContent ScimBody(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/scim+json");

    private static HttpResponseMessage Ensure(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");
        return response;
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        _data.Dispose();
    }
}
