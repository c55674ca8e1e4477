using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Remediation;
using Fleet.Contracts.Devices;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Invites;

namespace Fleet.Gateway.Tests.AgentEndToEnd;

/// <summary>
/// Issue #5: the real <c>fleet-agent</c> CLI against a real embedded gateway process: invite from the API, enroll,
/// run, report; the gateway stopped and started again on the same data and ports while the agent keeps running.
/// </summary>
public sealed class FleetAgentEndToEndTests
{
    private static readonly TimeSpan Signal = TimeSpan.FromSeconds(60);

    // Proves the whole life of a real agent across a gateway restart: it reconnects by itself, and the report it
    // queued on disk while the gateway was down arrives and is applied exactly once (one transition, sequence 2).
    [Fact]
    public async Task A_real_agent_reconnects_after_a_gateway_restart_and_its_queued_report_arrives_once()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("E2E");
        var api = gateway.CreateClient(account.ApiKey);
        await PutPolicyAsync(api, "screenLock: ALWAYS\nscreenIdle: \"<=600\"\n");
        var code = (await api.InviteAsync("ann@e2e.test")).Single().Code;
        using var agent = new FleetAgentProcess();
        agent.SetScreenLockMinutes(5);

        var deviceId = await agent.EnrollAsync(gateway, code);
        await using var running = agent.Run();
        Assert.Contains("PASS", await running.WaitForLineAsync("Report 1 acknowledged", Signal));

        // The screen now locks after 30 min: the next scan fails screenIdle. Ask for it, then stop the gateway
        // before it happens (the agent keeps at least 10 s between scans).
        agent.SetScreenLockMinutes(30);
        using (var scan = await api.PostAsync($"/api/v1/devices/{deviceId}/scan", null))
            Assert.True((await scan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivered").GetBoolean());
        await running.WaitForLineAsync("Server asked for a scan", Signal);
        await gateway.StopAsync();
        var stoppedAt = running.Position;

        await running.WaitForLineAsync("Scanned; report 2 queued", Signal);
        Assert.True(running.IndexOf("Scanned; report 2 queued") >= stoppedAt, "report 2 must be scanned while the gateway is down:\n" + running.Output);
        Assert.Equal(1, agent.QueuedReports);

        var restartedAt = running.Position;
        await gateway.StartAgainAsync();
        Assert.Contains("FAIL", await running.WaitForLineAsync("Report 2 acknowledged", TimeSpan.FromSeconds(90), restartedAt));

        Assert.Equal(0, agent.QueuedReports);
        using var device = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/devices/{deviceId}"));
        Assert.Equal("FAIL", device.RootElement.GetProperty("device").GetProperty("status").GetString());
        Assert.Equal(1805, device.RootElement.GetProperty("facts").GetProperty("screenIdleSeconds").GetProperty("value").GetInt64());
        var screenIdle = device.RootElement.GetProperty("history").EnumerateArray()
            .Where(h => h.GetProperty("checkId").GetString() == "screenIdle")
            .Select(h => $"{h.GetProperty("oldStatus").GetString() ?? "none"}->{h.GetProperty("newStatus").GetString()}")
            .ToList();
        Assert.Equal(["PASS->FAIL", "none->PASS"], screenIdle);
        Assert.Equal(2, await StoredDevice.LastSequenceAsync(data.Path, deviceId));
    }

    // Proves `fleet-agent status` tells the person how to fix a check this machine fails, in this platform's words.
    [Fact]
    public async Task Status_shows_this_platforms_directions_for_a_failing_check()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("Status");
        var api = gateway.CreateClient(account.ApiKey);
        using var agent = new FleetAgentProcess();
        var failing = await CheckThisMachineFailsAsync(agent);
        await PutPolicyAsync(api, $"{failing}: ALWAYS\n");
        await agent.EnrollAsync(gateway, (await api.InviteAsync("bob@e2e.test")).Single().Code);
        await using (var running = agent.Run())
            await running.WaitForLineAsync("Policy version 1 received", Signal);

        var (exitCode, stdout, stderr) = await agent.RunToEndAsync("status");

        Assert.True(exitCode == 1, $"exit {exitCode}: {stdout}{stderr}");
        Assert.Contains("NOT compliant", stdout);
        var directions = RemediationCatalog.For(failing, Platform.Linux, LinuxDesktop.Kde)!;
        Assert.Contains($"[FAIL] {failing} — {directions.Title}", stdout);
        foreach (var line in directions.DirectionsMarkdown.Split('\n').Where(l => l.Trim().Length > 0))
            Assert.Contains(line.TrimEnd(), stdout);
    }

    /// <summary>A check this machine fails when required (what `fleet-agent scan` reports as off).</summary>
    private static async Task<string> CheckThisMachineFailsAsync(FleetAgentProcess agent)
    {
        var (exitCode, stdout, stderr) = await agent.RunToEndAsync("scan");
        Assert.True(exitCode == 0, stderr);
        using var facts = JsonDocument.Parse(stdout[..(stdout.LastIndexOf('}') + 1)]);
        foreach (var check in new[] { "diskEncryption", "automaticUpdates", "firewall" })
            if (facts.RootElement.TryGetProperty(check, out var fact) && fact.TryGetProperty("state", out var state) && state.GetString() == "FACT_STATE_OFF")
                return check;
        throw new InvalidOperationException("This machine has disk encryption, automatic updates and a firewall on: no check to fail. " + stdout);
    }

    private static async Task PutPolicyAsync(HttpClient api, string yaml)
    {
        using var put = await api.PutAsync("/api/v1/policy", new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }
}
