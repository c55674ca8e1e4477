using System.Text.Json;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Invites;

namespace Fleet.Gateway.Tests.Faults;

public static class FaultApi
{
    public const string FirewallPolicy = "firewall: ALWAYS\n";

    /// <summary>A new account with <see cref="FirewallPolicy"/> and <paramref name="count"/> devices enrolled over gRPC (firewall on).</summary>
    public static async Task<(CreatedAccount Account, List<EnrolledAgent> Devices)> EnrollDevicesAsync(GatewayProcess gateway, string name, int count)
    {
        var account = await gateway.CreateOperatorClient().CreateAccountAsync(name);
        var api = gateway.CreateClient(account.ApiKey);
        using (var put = await api.PutAsync("/api/v1/policy", new StringContent(FirewallPolicy, System.Text.Encoding.UTF8, "application/yaml")))
            if (!put.IsSuccessStatusCode)
                throw new HttpRequestException($"PUT /api/v1/policy answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
        var devices = new List<EnrolledAgent>();
        using var client = new AgentClient(gateway);
        for (var i = 0; i < count; i++)
        {
            var invite = (await api.InviteAsync($"person{i}@{name.ToLowerInvariant()}.test")).Single();
            var machineId = Guid.NewGuid().ToString("N");
            var enrolled = await client.EnrollAsync(invite.Code, AgentClient.Facts(machineId, hostname: $"host-{i}"));
            devices.Add(new EnrolledAgent(account, invite.Code, machineId, enrolled.DeviceId, enrolled.AgentToken));
        }
        return (account, devices);
    }

    /// <summary>
    /// Firewall transitions after enrolment, from the device API: with <see cref="ReconnectingAgent"/> every applied report
    /// is one, so this is the number of reports applied.
    /// </summary>
    public static async Task<int> AppliedReportsAsync(HttpClient api, string deviceId)
    {
        using var history = JsonDocument.Parse(await DeviceHistory.ChecksAsync(api, deviceId));
        return history.RootElement.EnumerateArray().Count(h => h.GetProperty("checkId").GetString() == "firewall" && h.GetProperty("oldStatus").ValueKind == JsonValueKind.String);
    }

    /// <summary>The firewall fact the device's state holds ("on"/"off").</summary>
    public static async Task<string?> StoredFirewallAsync(HttpClient api, string deviceId)
    {
        using var device = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/devices/{deviceId}"));
        return device.RootElement.GetProperty("facts").GetProperty("firewall").GetProperty("state").GetString();
    }

    /// <summary>Retries a request that may fail while the cluster recovers, until it succeeds or the timeout passes.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> attempt, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try { return await attempt(); }
            catch (Exception) when (DateTime.UtcNow < deadline) { await Task.Delay(250); }
        }
    }
}
