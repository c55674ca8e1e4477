using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Invites;
using Grpc.Core;

namespace Fleet.Gateway.Tests.Agents;

/// <summary>The agent protocol end to end: a real gateway process, real gRPC over loopback.</summary>
public sealed class AgentStreamTests(AgentGatewayFixture fixture) : IClassFixture<AgentGatewayFixture>
{
    // Proves the whole path: invite → enroll → connect → hello → policy → report → ack with results → the device API shows them.
    [Fact]
    public async Task An_invited_agent_enrolls_reports_and_its_results_show_in_the_device_api()
    {
        var account = await fixture.CreateAccountAsync();
        var api = fixture.Gateway.CreateClient(account.ApiKey);
        using var policy = await api.PutAsync("/api/v1/policy", new StringContent("firewall: ALWAYS\ndiskEncryption: ALWAYS\n", System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(policy.IsSuccessStatusCode, await policy.Content.ReadAsStringAsync());
        var agent = await fixture.EnrollAsync(account);
        using var client = new AgentClient(fixture.Gateway);

        await using var session = await client.ConnectAsync(agent.Token);
        var update = (await session.NextAsync(ServerMessage.BodyOneofCase.Policy)).Policy;
        await session.SendReportAsync(AgentClient.Report(1, agent.Facts(firewall: false)));
        var ack = await session.AckAsync(1);

        Assert.Equal(1, update.PolicyVersion);
        Assert.Contains("firewall", update.PolicyJson);
        Assert.True(update.ScanIntervalSeconds > 0);
        Assert.Equal("FAIL", ack.Status);
        Assert.False(ack.Compliant);
        Assert.Contains(ack.Results, r => r.CheckId == "firewall" && r.Status == "FAIL");
        Assert.Contains(ack.Results, r => r.CheckId == "diskEncryption" && r.Status == "PASS");
        using var device = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/devices/{agent.DeviceId}"));
        var summary = device.RootElement.GetProperty("device");
        Assert.Equal(agent.DeviceId, summary.GetProperty("id").GetString());
        Assert.Equal("FAIL", summary.GetProperty("status").GetString());
        Assert.False(summary.GetProperty("compliant").GetBoolean());
        Assert.True(summary.GetProperty("online").GetBoolean());
        Assert.Contains(device.RootElement.GetProperty("results").EnumerateArray(),
            r => r.GetProperty("checkId").GetString() == "firewall" && r.GetProperty("status").GetString() == "FAIL");
    }

    // Proves a policy change made while the stream is open reaches the agent on that stream.
    [Fact]
    public async Task A_policy_change_reaches_the_open_stream()
    {
        var agent = await fixture.EnrollAsync();
        var api = fixture.Gateway.CreateClient(agent.Account.ApiKey);
        using var client = new AgentClient(fixture.Gateway);
        await using var session = await client.ConnectAsync(agent.Token);
        await session.NextAsync(ServerMessage.BodyOneofCase.Policy);

        using var put = await api.PutAsync("/api/v1/policy", new StringContent("screenLock: ALWAYS\n", System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        var update = (await session.NextAsync(m => m.Policy?.PolicyVersion == 1)).Policy;
        Assert.Contains("screenLock", update.PolicyJson);
    }

    // Proves POST /devices/{id}/scan reaches the agent's stream as ScanNow.
    [Fact]
    public async Task Scan_now_through_the_api_arrives_on_the_stream()
    {
        var agent = await fixture.EnrollAsync();
        using var client = new AgentClient(fixture.Gateway);
        await using var session = await client.ConnectAsync(agent.Token);
        await session.NextAsync(ServerMessage.BodyOneofCase.Policy);

        using var response = await fixture.Gateway.CreateClient(agent.Account.ApiKey).PostAsync($"/api/v1/devices/{agent.DeviceId}/scan", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivered").GetBoolean());
        await session.NextAsync(ServerMessage.BodyOneofCase.ScanNow);
    }

    // Proves reports resent after a cut connection are acked again but applied once (one history entry per change).
    [Fact]
    public async Task Reports_resent_after_a_reconnect_are_applied_once()
    {
        var agent = await fixture.EnrollAsync(await fixture.CreateAccountWithPolicyAsync("firewall: ALWAYS\n"));
        var api = fixture.Gateway.CreateClient(agent.Account.ApiKey);
        using var client = new AgentClient(fixture.Gateway);
        var first = AgentClient.Report(1, agent.Facts(firewall: false));
        var second = AgentClient.Report(2, agent.Facts(firewall: true));
        ReportAck firstAck;
        await using (var session = await client.ConnectAsync(agent.Token))
        {
            await session.SendReportAsync(first);
            await session.SendReportAsync(second);
            firstAck = await session.AckAsync(2);
        }
        var historyBefore = await HistoryAsync(api, agent.DeviceId);

        // The agent never saw those acks (say): it resends both on the next stream.
        await using (var session = await client.ConnectAsync(agent.Token))
        {
            await session.SendReportAsync(first);
            await session.SendReportAsync(second);
            await session.AckAsync(1);
            Assert.Equal(firstAck, await session.AckAsync(2));
        }

        var history = await HistoryAsync(api, agent.DeviceId);
        Assert.Equal(historyBefore, history);
        // Enrolment (first result, PASS), report 1 (FAIL), report 2 (PASS again): three firewall entries, none from the resends.
        Assert.Equal(3, JsonDocument.Parse(history).RootElement.EnumerateArray().Count(h => h.GetProperty("checkId").GetString() == "firewall"));
    }

    // Proves reports whose stream was cut before any ack arrived are applied once when resent on the next stream.
    [Fact]
    public async Task Reports_cut_off_before_their_ack_and_resent_are_applied_once()
    {
        var agent = await fixture.EnrollAsync(await fixture.CreateAccountWithPolicyAsync("firewall: ALWAYS\n"));
        var api = fixture.Gateway.CreateClient(agent.Account.ApiKey);
        using var client = new AgentClient(fixture.Gateway);
        var first = AgentClient.Report(1, agent.Facts(firewall: false));
        var second = AgentClient.Report(2, agent.Facts(firewall: true));
        await using (var session = await client.ConnectAsync(agent.Token))
        {
            await session.SendReportAsync(first);
            await session.SendReportAsync(second);
            // Cut without reading: the server may or may not have applied them.
        }

        await using (var session = await client.ConnectAsync(agent.Token))
        {
            await session.SendReportAsync(first);
            await session.SendReportAsync(second);
            Assert.Equal("PASS", (await session.AckAsync(2)).Status);
        }

        var history = JsonDocument.Parse(await HistoryAsync(api, agent.DeviceId)).RootElement.EnumerateArray().ToList();
        // Newest first: FAIL → PASS (report 2), PASS → FAIL (report 1), none → PASS (enrolment); nothing twice.
        Assert.Equal(["FAIL", "PASS", null], history.Where(h => h.GetProperty("checkId").GetString() == "firewall").Select(h => h.GetProperty("oldStatus").GetString()));
    }

    // Proves an agent that resets its stream mid-conversation is recorded as gone (CANCELLED), not as a report that could
    // not be stored (INTERNAL), and its stream does not end UNKNOWN.
    [Fact]
    public async Task A_stream_the_agent_resets_ends_as_cancelled_not_as_a_storage_failure()
    {
        var agent = await fixture.EnrollAsync();
        using var client = new AgentClient(fixture.Gateway);
        await using (var session = await client.ConnectAsync(agent.Token))
        {
            await session.SendReportAsync(AgentClient.Report(1, agent.Facts(firewall: false)));
            await session.AckAsync(1);
            await session.SendReportAsync(AgentClient.Report(2, agent.Facts(firewall: true)));
            // Disposing an open call resets its HTTP/2 stream (RST_STREAM), as a killed or cut-off agent does.
        }

        var ending = await StreamEndingAsync(agent.DeviceId);

        Assert.Contains("ended Cancelled", ending);
        Assert.DoesNotContain($"device {agent.DeviceId} ended INTERNAL", fixture.Gateway.Output);
        Assert.DoesNotContain("Error when executing service method", fixture.Gateway.Output);
    }

    // Proves re-enrolling the same machine keeps its device id and revokes the old token.
    [Fact]
    public async Task Reenrolling_the_same_machine_keeps_the_device_and_revokes_the_old_token()
    {
        var agent = await fixture.EnrollAsync();
        var invite = (await fixture.Gateway.CreateClient(agent.Account.ApiKey).InviteAsync("ann@acme.test")).Single();
        using var client = new AgentClient(fixture.Gateway);

        var again = await client.EnrollAsync(invite.Code, agent.Facts());

        Assert.Equal(agent.DeviceId, again.DeviceId);
        Assert.NotEqual(agent.Token, again.AgentToken);
        await using var old = client.Open(agent.Token);
        await old.SendAsync(new AgentMessage { Hello = new Hello { AgentVersion = "1.0.0" } }).ContinueWith(_ => { });
        Assert.Equal(StatusCode.Unauthenticated, (await old.EndAsync()).StatusCode);
        await using var current = await client.ConnectAsync(again.AgentToken);
        await current.NextAsync(ServerMessage.BodyOneofCase.Policy);
    }

    // Proves an agent older than the account's minimum version is told to upgrade, with the download address.
    [Fact]
    public async Task An_agent_below_the_minimum_version_is_told_to_upgrade()
    {
        var agent = await fixture.EnrollAsync();
        using var put = await fixture.Gateway.CreateClient(agent.Account.ApiKey).PutAsJsonAsync("/api/v1/settings",
            new { scanIntervalSeconds = 600, offlineAfterSeconds = 180, minAgentVersion = "2.0.0" });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        using var client = new AgentClient(fixture.Gateway);

        await using var session = await client.ConnectAsync(agent.Token, agentVersion: "1.9.3");

        var upgrade = (await session.NextAsync(ServerMessage.BodyOneofCase.UpgradeRequired)).UpgradeRequired;
        Assert.Equal("2.0.0", upgrade.MinAgentVersion);
        Assert.EndsWith("/downloads/", upgrade.DownloadUrl);
    }

    /// <summary>The gateway's log line saying how the device's stream ended (event 5008 or 5009).</summary>
    private async Task<string> StreamEndingAsync(string deviceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = fixture.Gateway.Output.Split('\n').FirstOrDefault(l => l.Contains($"Agent stream of device {deviceId} ended", StringComparison.Ordinal));
            if (line is not null)
                return line;
            await Task.Delay(100, timeout.Token);
        }
    }

    private static Task<string> HistoryAsync(HttpClient api, string deviceId) => DeviceHistory.ChecksAsync(api, deviceId);
}
