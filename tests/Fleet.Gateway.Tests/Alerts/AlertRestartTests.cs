using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Faults;
using Fleet.Gateway.Tests.Graph;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Push;
using Fleet.Tests.Shared;

namespace Fleet.Gateway.Tests.Alerts;

/// <summary>An on-change alert rule of an embedded gateway (co-hosted silo, SQLite) across a graceful restart.</summary>
public sealed class AlertRestartTests
{
    /// <summary>The webhook receivers listen on 127.0.0.1.</summary>
    private static readonly Dictionary<string, string> PrivateWebhooks = new() { ["Fleet:Alerts:AllowPrivateWebhookDestinations"] = "true" };

    // Proves a rule keeps its alert across a restart and goes on evaluating and writing afterwards (resolve, raise again)
    // with no InconsistentStateException in the log. (The reported exception from the rule's timer after a restart did not
    // show here before the fix either; AlertRuleTests covers the stale-version recovery itself.)
    [Fact]
    public async Task An_on_change_rule_resolves_and_raises_again_after_the_gateway_restarts()
    {
        using var data = new TempDirectory();
        using var receiver = new WebhookReceiver();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path, PrivateWebhooks);
        var (account, devices) = await FaultApi.EnrollDevicesAsync(gateway, "AlertRestart", 1);
        var agent = devices.Single();
        var api = gateway.CreateClient(account.ApiKey);
        using (var create = await api.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Non-compliant agents",
            query = "FIND HostAgent WITH compliant=false",
            actions = new object[] { new { type = "WEBHOOK", endpoint = receiver.Endpoint } },
        }))
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        await using (var dashboard = await DashboardClient.ConnectAsync(gateway, account.ApiKey))
        {
            using var client = new AgentClient(gateway);
            await using var session = await client.ConnectAsync(agent.Token);
            await session.SendReportAsync(AgentClient.Report(1, agent.Facts(firewall: false)));
            await session.AckAsync(1);
            await dashboard.NextAsync("alertRaised");
        }

        await gateway.RestartAsync();

        api = gateway.CreateClient(account.ApiKey);
        await using (var dashboard = await DashboardClient.ConnectAsync(gateway, account.ApiKey))
        {
            using var client = new AgentClient(gateway);
            await using var session = await client.ConnectAsync(agent.Token);
            await session.NextAsync(ServerMessage.BodyOneofCase.Policy);
            await session.SendReportAsync(AgentClient.Report(2, agent.Facts(firewall: true)));
            await dashboard.NextAsync("alertResolved");
            await session.SendReportAsync(AgentClient.Report(3, agent.Facts(firewall: false)));
            await dashboard.NextAsync("alertRaised");
        }

        var alerts = await api.GetFromJsonAsync<JsonElement>("/api/v1/alerts");
        Assert.Equal(["ACTIVE", "INACTIVE"], alerts.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("status").GetString()));
        Assert.DoesNotContain("InconsistentStateException", gateway.Output);
    }

    // Proves a polling rule keeps polling after a restart: its reminder is durable (SQLite), not lost with the process. A polled rule
    // is evaluated only by its reminder, so an alert raised for a change made after the restart can only come from a poll.
    [Fact]
    public async Task A_polling_rule_goes_on_polling_after_the_gateway_restarts()
    {
        using var data = new TempDirectory();
        using var receiver = new WebhookReceiver();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path, PrivateWebhooks);
        var account = await gateway.CreateOperatorClient().CreateAccountAsync("AlertPollingRestart");
        var api = gateway.CreateClient(account.ApiKey);
        string ruleId;
        using (var create = await api.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Unapproved applications",
            query = "FIND Application WITH approved = false",
            pollingInterval = 60, // the smallest interval the API (and Orleans' reminders) allow
            actions = new object[] { new { type = "WEBHOOK", endpoint = receiver.Endpoint } },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
            ruleId = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        await gateway.RestartAsync();

        api = gateway.CreateClient(account.ApiKey);
        await api.PostGraphAsync(new { entities = new[] { GraphApi.Entity("app:shadow", "Application", "saas_application", "Shadow IT", new { approved = false }) } });
        // The first poll is due a minute after the rule was created; give it that plus the restart and a slow machine.
        var delivered = await receiver.NextAsync(TimeSpan.FromMinutes(3));

        var payload = JsonDocument.Parse(delivered.Body).RootElement;
        Assert.Equal(("ACTIVE", 1), (payload.GetProperty("status").GetString(), payload.GetProperty("count").GetInt32()));
        var history = await api.GetFromJsonAsync<JsonElement>($"/api/v1/alert-rules/{ruleId}/history");
        Assert.Contains(history.GetProperty("data").EnumerateArray(), e => e.GetProperty("outcome").GetString() == "ACTIVE");
    }
}
