using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Invites;
using Microsoft.Data.Sqlite;

namespace Fleet.Gateway.Tests.Agents;

/// <summary>One embedded gateway process for the agent tests of a class, with helpers to get an enrolled agent quickly.</summary>
public sealed class AgentGatewayFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    public GatewayProcess Gateway { get; private set; } = null!;
    public string DataDirectory => _data.Path;

    // Webhook receivers listen on 127.0.0.1; the stream handler's endings (event 5008/5009) are logged at Information:
    // tests read how a stream ended.
    public async Task InitializeAsync() => Gateway = await GatewayProcess.StartEmbeddedAsync(_data.Path,
        new Dictionary<string, string>
        {
            ["Fleet:Alerts:AllowPrivateWebhookDestinations"] = "true",
            ["Logging:LogLevel:Fleet.Gateway.Agents.AgentService"] = "Information",
        });

    public async Task<CreatedAccount> CreateAccountAsync(string name = "Acme") => await Gateway.CreateOperatorClient().CreateAccountAsync(name);

    /// <summary>A new account with this policy (YAML) as version 1.</summary>
    public async Task<CreatedAccount> CreateAccountWithPolicyAsync(string policyYaml)
    {
        var account = await CreateAccountAsync();
        using var put = await Gateway.CreateClient(account.ApiKey).PutAsync("/api/v1/policy", new StringContent(policyYaml, System.Text.Encoding.UTF8, "application/yaml"));
        if (!put.IsSuccessStatusCode)
            throw new HttpRequestException($"PUT /api/v1/policy answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
        return account;
    }

    /// <summary>A new account, one invite, one enrolled machine.</summary>
    public async Task<EnrolledAgent> EnrollAsync(CreatedAccount? account = null, string email = "ann@acme.test")
    {
        account ??= await CreateAccountAsync();
        var invite = (await Gateway.CreateClient(account.ApiKey).InviteAsync(email)).Single();
        var machineId = Guid.NewGuid().ToString("N");
        using var agent = new AgentClient(Gateway);
        var enrolled = await agent.EnrollAsync(invite.Code, AgentClient.Facts(machineId));
        return new EnrolledAgent(account, invite.Code, machineId, enrolled.DeviceId, enrolled.AgentToken);
    }

    /// <summary>
    /// Rows of grain state, membership and compliance history: "nothing stored" means this does not change. Connectivity
    /// events (<c>$online</c>) and the last-seen checkpoint are left out: streams of earlier tests record going offline
    /// whenever their close is noticed.
    /// </summary>
    public async Task<long> StoredRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "fleet.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM fleet_grain_state) + (SELECT count(*) FROM fleet_account_members)
                 + (SELECT count(*) FROM fleet_check_history WHERE check_id <> '$online')
            """;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        _data.Dispose();
    }
}

public static class DeviceHistory
{
    /// <summary>The device's history from the device API without connectivity events, as JSON text (for equality).</summary>
    public static async Task<string> ChecksAsync(HttpClient api, string deviceId)
    {
        using var device = System.Text.Json.JsonDocument.Parse(await api.GetStringAsync($"/api/v1/devices/{deviceId}"));
        var entries = device.RootElement.GetProperty("history").EnumerateArray()
            .Where(e => e.GetProperty("checkId").GetString() != "$online")
            .Select(e => e.GetRawText());
        return "[" + string.Join(",", entries) + "]";
    }
}

public sealed record EnrolledAgent(CreatedAccount Account, string Code, string MachineId, string DeviceId, string Token)
{
    public DeviceFacts Facts(bool firewall = true) => AgentClient.Facts(MachineId, firewall: firewall);
}
