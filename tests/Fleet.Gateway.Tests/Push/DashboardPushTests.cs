using System.Text.Json;
using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Agents;
using Microsoft.AspNetCore.SignalR;

namespace Fleet.Gateway.Tests.Push;

/// <summary>Dashboards on a real embedded gateway process, devices driven by real agent gRPC streams.</summary>
public sealed class DashboardPushTests(AgentGatewayFixture fixture) : IClassFixture<AgentGatewayFixture>
{
    /// <summary>A new account whose policy requires the firewall, with one enrolled agent (firewall on: PASS).</summary>
    private async Task<EnrolledAgent> EnrollAsync(string email = "ann@acme.test")
    {
        var account = await fixture.CreateAccountAsync();
        using var policy = await fixture.Gateway.CreateClient(account.ApiKey)
            .PutAsync("/api/v1/policy", new StringContent("firewall: ALWAYS\ndiskEncryption: ALWAYS\n", System.Text.Encoding.UTF8, "application/yaml"));
        Assert.True(policy.IsSuccessStatusCode, await policy.Content.ReadAsStringAsync());
        return await fixture.EnrollAsync(account, email);
    }

    // Proves a check that flips is pushed as deviceChanged, and a report that changes nothing pushes nothing.
    [Fact]
    public async Task A_dashboard_receives_deviceChanged_when_a_check_flips_and_nothing_for_an_unchanged_report()
    {
        var agent = await EnrollAsync();
        await using var dashboard = await DashboardClient.ConnectAsync(fixture.Gateway, agent.Account.ApiKey);
        using var client = new AgentClient(fixture.Gateway);
        await using var session = await client.ConnectAsync(agent.Token);

        var online = await dashboard.NextAsync("agentConnectivityChanged");
        Assert.Equal((agent.DeviceId, true), (online.GetProperty("deviceId").GetString(), online.GetProperty("online").GetBoolean()));

        await session.SendReportAsync(AgentClient.Report(1, agent.Facts(firewall: false)));
        var failed = await dashboard.NextAsync("deviceChanged");
        Assert.Equal(agent.DeviceId, failed.GetProperty("deviceId").GetString());
        Assert.Equal(("PASS", "FAIL", false), (failed.GetProperty("oldStatus").GetString(), failed.GetProperty("newStatus").GetString(), failed.GetProperty("compliant").GetBoolean()));
        Assert.Contains("firewall", failed.GetProperty("changedChecks").EnumerateArray().Select(c => c.GetString()));
        Assert.True(failed.TryGetProperty("at", out _));

        // The same facts again: acked, and nothing pushed — the next deviceChanged is the fix below.
        await session.SendReportAsync(AgentClient.Report(2, agent.Facts(firewall: false)));
        await session.AckAsync(2);
        await session.SendReportAsync(AgentClient.Report(3, agent.Facts(firewall: true)));

        var fixedEvent = await dashboard.NextAsync("deviceChanged");
        Assert.Equal(("FAIL", "PASS"), (fixedEvent.GetProperty("oldStatus").GetString(), fixedEvent.GetProperty("newStatus").GetString()));
    }

    // Proves a dashboard of account B receives nothing of account A: its first event is about its own device.
    [Fact]
    public async Task A_dashboard_of_another_account_receives_nothing()
    {
        var agentA = await EnrollAsync();
        var agentB = await EnrollAsync("bob@other.test");
        await using var dashboardA = await DashboardClient.ConnectAsync(fixture.Gateway, agentA.Account.ApiKey);
        await using var dashboardB = await DashboardClient.ConnectAsync(fixture.Gateway, agentB.Account.ApiKey);
        using var client = new AgentClient(fixture.Gateway);

        await using (var sessionA = await client.ConnectAsync(agentA.Token))
        {
            await sessionA.SendReportAsync(AgentClient.Report(1, agentA.Facts(firewall: false)));
            await dashboardA.NextAsync("deviceChanged");
        }
        await using var sessionB = await client.ConnectAsync(agentB.Token);
        await sessionB.SendReportAsync(AgentClient.Report(1, agentB.Facts(firewall: false)));
        var seenByB = await dashboardB.UntilAsync("deviceChanged", e => e.GetProperty("deviceId").GetString() == agentB.DeviceId);

        // A's stream opened, failed and closed before B's: had any of it leaked, B would have seen it first.
        Assert.All(seenByB, e => Assert.Equal(agentB.DeviceId, e.Body.GetProperty("deviceId").GetString()));
    }

    // Proves the hub refuses a connection without a valid account key.
    [Fact]
    public async Task The_hub_refuses_an_unknown_key()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => DashboardClient.ConnectAsync(fixture.Gateway, "acct_not-a-key"));

        Assert.Contains("401", error.Message);
    }

    // Proves entities written through the graph API (an IdP sync) reach standing queries too, not only device changes.
    [Fact]
    public async Task A_standing_query_over_identity_data_pushes_a_user_written_through_the_graph_api()
    {
        var account = await fixture.CreateAccountAsync();
        await using var dashboard = await DashboardClient.ConnectAsync(fixture.Gateway, account.ApiKey);
        var (subscriptionId, result) = await dashboard.SubscribeQueryAsync("FIND User WITH active=true");
        Assert.Empty(result.GetProperty("data").EnumerateArray());

        using var write = await fixture.Gateway.CreateClient(account.ApiKey).PostAsync("/api/v1/graph", new StringContent(
            """{"entities":[{"_key":"okta:u1","_class":"User","_type":"okta_user","displayName":"Ann","properties":{"active":true}}]}""",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.True(write.IsSuccessStatusCode, await write.Content.ReadAsStringAsync());

        var added = await dashboard.NextAsync("queryResultChanged");
        Assert.Equal(subscriptionId, added.GetProperty("subscriptionId").GetString());
        var user = Assert.Single(added.GetProperty("added").EnumerateArray());
        Assert.Equal("okta:u1", user.GetProperty("entity").GetProperty("_key").GetString());
    }

    // Proves a report whose new facts change no check result (here only the hostname) still reaches standing queries
    // over device properties, while dashboards get no deviceChanged for it.
    [Fact]
    public async Task A_standing_query_over_a_device_property_sees_new_facts_that_change_no_result()
    {
        var agent = await EnrollAsync();
        await using var dashboard = await DashboardClient.ConnectAsync(fixture.Gateway, agent.Account.ApiKey);
        var (subscriptionId, result) = await dashboard.SubscribeQueryAsync("FIND Device WITH hostname='renamed-laptop'");
        Assert.Empty(result.GetProperty("data").EnumerateArray());
        using var client = new AgentClient(fixture.Gateway);
        await using var session = await client.ConnectAsync(agent.Token);

        await session.SendReportAsync(AgentClient.Report(1, AgentClient.Facts(agent.MachineId, hostname: "renamed-laptop")));
        // The feed hands a batch to dashboards before the standing queries it wakes answer, so a deviceChanged would come first.
        var seen = await dashboard.UntilAsync("queryResultChanged", _ => true);

        var added = seen[^1].Body;
        Assert.Equal(subscriptionId, added.GetProperty("subscriptionId").GetString());
        var device = Assert.Single(added.GetProperty("added").EnumerateArray());
        Assert.Equal($"device:{agent.DeviceId}", device.GetProperty("entity").GetProperty("_key").GetString());
        // The enrolment's own announcement (no old status) may still be on its way; a report's change would have one.
        Assert.DoesNotContain(seen, e => e.Name == "deviceChanged" && e.Body.GetProperty("oldStatus").ValueKind != JsonValueKind.Null);
    }

    // Proves a standing query answers its current result, then pushes exactly the device that fails as added and, once fixed, as removed.
    [Fact]
    public async Task A_standing_query_pushes_a_failing_device_as_added_then_removed()
    {
        var agent = await EnrollAsync();
        await using var dashboard = await DashboardClient.ConnectAsync(fixture.Gateway, agent.Account.ApiKey);
        var (subscriptionId, result) = await dashboard.SubscribeQueryAsync("FIND HostAgent WITH compliant=false");
        Assert.Equal("list", result.GetProperty("type").GetString());
        Assert.Empty(result.GetProperty("data").EnumerateArray());
        using var client = new AgentClient(fixture.Gateway);
        await using var session = await client.ConnectAsync(agent.Token);

        await session.SendReportAsync(AgentClient.Report(1, agent.Facts(firewall: false)));
        var added = await dashboard.NextAsync("queryResultChanged");

        Assert.Equal(subscriptionId, added.GetProperty("subscriptionId").GetString());
        var entity = Assert.Single(added.GetProperty("added").EnumerateArray());
        Assert.Equal("HostAgent", entity.GetProperty("entity").GetProperty("_class").GetString());
        Assert.Empty(added.GetProperty("removed").EnumerateArray());

        await session.SendReportAsync(AgentClient.Report(2, agent.Facts(firewall: true)));
        var removed = await dashboard.NextAsync("queryResultChanged");

        Assert.Empty(removed.GetProperty("added").EnumerateArray());
        Assert.Equal([entity.GetProperty("id").GetString()], removed.GetProperty("removed").EnumerateArray().Select(r => r.GetString()));
    }

    // Proves a standing query that does not parse is refused with its line and column.
    [Fact]
    public async Task A_standing_query_that_does_not_parse_is_refused_with_its_position()
    {
        var account = await fixture.CreateAccountAsync();
        await using var dashboard = await DashboardClient.ConnectAsync(fixture.Gateway, account.ApiKey);

        var error = await Assert.ThrowsAsync<HubException>(() => dashboard.SubscribeQueryAsync("FIND HostAgent WITH"));

        Assert.Contains("line 1, column", error.Message);
    }
}
