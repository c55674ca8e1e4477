using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Contracts.Alerts;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Push;
using Fleet.Tests.Shared;

namespace Fleet.Gateway.Tests.Alerts;

/// <summary>Alert rules through the REST API of a real gateway process, devices driven by real agent streams.</summary>
public sealed class AlertApiTests(AgentGatewayFixture fixture) : IClassFixture<AgentGatewayFixture>
{
    private const string SeedQuestion = "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE";

    // Proves the seed-question rule end to end: fail → ACTIVE, signed webhook (500 then retried 200, both logged), alertRaised; fix → INACTIVE, alertResolved.
    [Fact]
    public async Task A_rule_on_the_seed_question_fires_a_signed_retried_webhook_and_clears_when_fixed()
    {
        using var receiver = new WebhookReceiver(500);
        var agent = await EnrollAsync();
        var api = fixture.Gateway.CreateClient(agent.Account.ApiKey);
        await using var dashboard = await DashboardClient.ConnectAsync(fixture.Gateway, agent.Account.ApiKey);
        using var create = await api.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Non-compliant laptops",
            query = SeedQuestion,
            actions = new object[] { new { type = "WEBHOOK", endpoint = receiver.Endpoint, headers = new Dictionary<string, string> { ["X-Team"] = "sec" } } },
        });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var rule = await create.Content.ReadFromJsonAsync<JsonElement>();
        var ruleId = rule.GetProperty("id").GetString()!;
        var secret = rule.GetProperty("secret").GetString()!;
        Assert.Equal("count > 0", rule.GetProperty("condition").GetString());
        using var client = new AgentClient(fixture.Gateway);
        await using var session = await client.ConnectAsync(agent.Token);

        await session.SendReportAsync(AgentClient.Report(1, agent.Facts(firewall: false)));

        var raised = await dashboard.NextAsync("alertRaised");
        Assert.Equal(("ACTIVE", ruleId), (raised.GetProperty("status").GetString(), raised.GetProperty("rule").GetProperty("id").GetString()));
        var refused = await receiver.NextAsync();
        var delivered = await receiver.NextAsync();
        Assert.Equal((500, 200), (refused.AnsweredStatus, delivered.AnsweredStatus));
        Assert.True(WebhookSignature.Verify(secret, delivered.Body, delivered.Headers["X-Fleet-Signature"]));
        Assert.Equal("sec", delivered.Headers["X-Team"]);
        var payload = JsonDocument.Parse(delivered.Body).RootElement;
        Assert.Equal("ACTIVE", payload.GetProperty("status").GetString());
        Assert.Contains(payload.GetProperty("added").EnumerateArray(), e => e.GetProperty("entity").GetProperty("_class").GetString() == "Person");

        var alerts = await api.GetFromJsonAsync<JsonElement>("/api/v1/alerts");
        var alert = Assert.Single(alerts.GetProperty("data").EnumerateArray());
        Assert.Equal("ACTIVE", alert.GetProperty("status").GetString());
        Assert.NotEmpty(alert.GetProperty("entities").EnumerateArray());
        var log = await EventuallyAsync(() => api.GetFromJsonAsync<JsonElement>($"/api/v1/alert-rules/{ruleId}/deliveries"), l => l.GetProperty("data").GetArrayLength() == 2);
        Assert.Equal([(2, true), (1, false)], log.GetProperty("data").EnumerateArray().Select(a => (a.GetProperty("attempt").GetInt32(), a.GetProperty("succeeded").GetBoolean())));

        await session.SendReportAsync(AgentClient.Report(2, agent.Facts(firewall: true)));

        var resolved = await dashboard.NextAsync("alertResolved");
        Assert.Equal(("INACTIVE", alert.GetProperty("id").GetString()), (resolved.GetProperty("status").GetString(), resolved.GetProperty("id").GetString()));
        var clearing = JsonDocument.Parse((await receiver.NextAsync()).Body).RootElement;
        Assert.Equal("INACTIVE", clearing.GetProperty("status").GetString());
    }

    // Proves a query that does not parse is refused with 400 and its line and column.
    [Fact]
    public async Task A_rule_whose_query_does_not_parse_is_refused_with_its_position()
    {
        var account = await fixture.CreateAccountAsync();
        var api = fixture.Gateway.CreateClient(account.ApiKey);

        using var response = await api.PostAsJsonAsync("/api/v1/alert-rules", new { name = "Broken", query = "FIND HostAgent\nWITH compliant =" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
        Assert.True(problem.GetProperty("column").GetInt32() > 1);
    }

    // Proves bad fields are all reported at once: condition, action type, endpoint, recipients, polling interval, short secret.
    [Fact]
    public async Task A_rule_with_bad_fields_is_refused_with_every_problem()
    {
        var account = await fixture.CreateAccountAsync();
        var api = fixture.Gateway.CreateClient(account.ApiKey);

        using var response = await api.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Bad",
            query = "FIND HostAgent",
            condition = "size > 1",
            actions = new object[] { new { type = "SMS" }, new { type = "WEBHOOK", endpoint = "ftp://x" }, new { type = "EMAIL", recipients = new[] { "not-an-address" } } },
            pollingInterval = 5,
            secret = "short",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["actions[0].type", "actions[1].endpoint", "actions[2].recipients", "condition", "pollingInterval", "secret"],
            errors.EnumerateObject().Select(p => p.Name).Order());
    }

    // Proves AllowPrivateWebhookDestinations (set for this gateway) lets a loopback receiver through but never cloud metadata (link-local).
    [Fact]
    public async Task Allowing_private_webhooks_still_refuses_link_local_destinations()
    {
        var account = await fixture.CreateAccountAsync();
        var api = fixture.Gateway.CreateClient(account.ApiKey);

        using var metadata = await api.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Metadata",
            query = "FIND HostAgent",
            actions = new object[] { new { type = "WEBHOOK", endpoint = "http://169.254.169.254/latest/meta-data/" } },
        });
        using var loopback = await api.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "On-premises receiver",
            query = "FIND HostAgent",
            actions = new object[] { new { type = "WEBHOOK", endpoint = "http://127.0.0.1:9/hook" } },
        });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.Created), (metadata.StatusCode, loopback.StatusCode));
        Assert.True((await metadata.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("actions[0].endpoint", out _));
    }

    // Proves the secret is shown once: listing rules never shows it; deleting works once; other accounts see 404.
    [Fact]
    public async Task Rules_are_listed_without_their_secret_and_deleted_only_by_their_account()
    {
        var account = await fixture.CreateAccountAsync();
        var other = await fixture.CreateAccountAsync("Other");
        var api = fixture.Gateway.CreateClient(account.ApiKey);
        using var create = await api.PostAsJsonAsync("/api/v1/alert-rules", new { name = "Offline agents", query = "FIND HostAgent WITH online=false", secret = "0123456789abcdef0123" });
        var ruleId = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var listed = await api.GetStringAsync("/api/v1/alert-rules");
        Assert.Contains(ruleId!, listed);
        Assert.DoesNotContain("0123456789abcdef0123", listed);
        Assert.DoesNotContain("secret", listed);

        using var foreign = await fixture.Gateway.CreateClient(other.ApiKey).DeleteAsync($"/api/v1/alert-rules/{ruleId}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using var deleted = await api.DeleteAsync($"/api/v1/alert-rules/{ruleId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var again = await api.DeleteAsync($"/api/v1/alert-rules/{ruleId}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    private async Task<EnrolledAgent> EnrollAsync()
    {
        var account = await fixture.CreateAccountAsync();
        using var policy = await fixture.Gateway.CreateClient(account.ApiKey)
            .PutAsync("/api/v1/policy", new StringContent("firewall: ALWAYS\n", System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(policy.IsSuccessStatusCode, await policy.Content.ReadAsStringAsync());
        return await fixture.EnrollAsync(account);
    }

    /// <summary>Reads until <paramref name="done"/> holds (the delivery log is written after the webhook answered).</summary>
    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            await Task.Delay(50, timeout.Token);
        }
    }
}
