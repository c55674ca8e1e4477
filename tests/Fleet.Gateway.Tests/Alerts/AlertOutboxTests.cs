using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Faults;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Tests.Shared;

namespace Fleet.Gateway.Tests.Alerts;

/// <summary>Alert deliveries are stored with the alert that causes them and survive a crash of the process delivering them.</summary>
public sealed class AlertOutboxTests
{
    // Proves a webhook whose first attempt failed is delivered after a kill -9 and a restart: the delivery was in the
    // rule's stored outbox, not only in memory. The in-process retry is ten minutes away, so only the resumed delivery can
    // arrive in time; it carries the same X-Fleet-Delivery id and counts on from the first attempt.
    [Fact]
    public async Task A_delivery_interrupted_by_a_kill_arrives_after_the_restart()
    {
        using var data = new TempDirectory();
        using var receiver = new WebhookReceiver(503);
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path, new Dictionary<string, string>
        {
            ["Fleet:Alerts:RetryBaseDelay"] = "00:10:00",
            ["Fleet:Alerts:RetryMaxDelay"] = "00:10:00",
            ["Fleet:Alerts:AllowPrivateWebhookDestinations"] = "true", // the receiver listens on 127.0.0.1
        });
        var (account, devices) = await FaultApi.EnrollDevicesAsync(gateway, "AlertOutbox", 1);
        var agent = devices.Single();
        var api = gateway.CreateClient(account.ApiKey);
        string ruleId;
        using (var create = await api.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Non-compliant agents",
            query = "FIND HostAgent WITH compliant=false",
            actions = new object[] { new { type = "WEBHOOK", endpoint = receiver.Endpoint } },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
            ruleId = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }
        using (var client = new AgentClient(gateway))
        {
            await using var session = await client.ConnectAsync(agent.Token);
            await session.SendReportAsync(AgentClient.Report(1, agent.Facts(firewall: false)));
            await session.AckAsync(1);
        }
        var failed = await receiver.NextAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(503, failed.AnsweredStatus);
        // The receiver answers before the rule records the attempt: kill only once the failed attempt is stored, as the
        // count carried on after the restart is what this test checks (a kill in between would rightly resend attempt 1).
        await WaitForDeliveryLogAsync(api, ruleId, entries => entries.Any(e => !e.GetProperty("succeeded").GetBoolean()));

        gateway.Kill();
        await gateway.StartAgainAsync();
        // The rule's delivery reminder ticks a minute after it was set; allow for the restart and a slow machine.
        var delivered = await receiver.NextAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(200, delivered.AnsweredStatus);
        Assert.Equal(failed.Headers["X-Fleet-Delivery"], delivered.Headers["X-Fleet-Delivery"]);
        Assert.Equal(failed.Body, delivered.Body);
        api = gateway.CreateClient(account.ApiKey);
        var log = await WaitForDeliveryLogAsync(api, ruleId, entries => entries.Any(e => e.GetProperty("succeeded").GetBoolean()));
        var success = log.First(e => e.GetProperty("succeeded").GetBoolean());
        Assert.Equal(2, success.GetProperty("attempt").GetInt32());
    }

    private static async Task<List<JsonElement>> WaitForDeliveryLogAsync(HttpClient api, string ruleId, Func<List<JsonElement>, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var body = await api.GetFromJsonAsync<JsonElement>($"/api/v1/alert-rules/{ruleId}/deliveries", timeout.Token);
            var entries = body.GetProperty("data").EnumerateArray().ToList();
            if (done(entries))
                return entries;
            await Task.Delay(200, timeout.Token);
        }
    }
}
