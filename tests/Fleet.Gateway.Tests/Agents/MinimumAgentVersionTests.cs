using System.Net.Http.Json;
using Fleet.Agent.V1;

namespace Fleet.Gateway.Tests.Agents;

/// <summary>
/// Raising <c>minAgentVersion</c> while agents are connected (issue #14 item 5): a real gateway, agents speaking the
/// protocol over loopback. The notice travels on the open stream, not at the next Hello.
/// </summary>
public sealed class MinimumAgentVersionTests(AgentGatewayFixture fixture) : IClassFixture<AgentGatewayFixture>
{
    // Proves a connected agent older than a newly raised minimum is told to upgrade on its open stream, with the download address.
    [Fact]
    public async Task Raising_the_minimum_tells_a_connected_older_agent_to_upgrade_at_once()
    {
        var agent = await fixture.EnrollAsync();
        using var client = new AgentClient(fixture.Gateway);
        await using var session = await client.ConnectAsync(agent.Token, agentVersion: "1.9.3");
        await session.NextAsync(ServerMessage.BodyOneofCase.Policy);

        await PutMinimumAsync(agent, "2.0.0");

        var upgrade = (await session.NextAsync(ServerMessage.BodyOneofCase.UpgradeRequired)).UpgradeRequired;
        Assert.Equal("2.0.0", upgrade.MinAgentVersion);
        Assert.EndsWith("/downloads/", upgrade.DownloadUrl);
    }

    // Proves the pushed settings carry the minimum and the download address, which `fleet-agent status` shows offline.
    [Fact]
    public async Task The_pushed_policy_update_carries_the_minimum_and_the_download_address()
    {
        var agent = await fixture.EnrollAsync();
        using var client = new AgentClient(fixture.Gateway);
        await using var session = await client.ConnectAsync(agent.Token, agentVersion: "1.9.3");
        await session.NextAsync(ServerMessage.BodyOneofCase.Policy);

        await PutMinimumAsync(agent, "2.0.0");

        var update = (await session.NextAsync(m => m.Policy is { MinAgentVersion: "2.0.0" })).Policy;
        Assert.EndsWith("/downloads/", update.DownloadUrl);
    }

    // Proves an agent that already meets the raised minimum gets the new settings but no upgrade notice.
    [Fact]
    public async Task An_agent_at_the_minimum_is_not_told_to_upgrade()
    {
        var agent = await fixture.EnrollAsync();
        using var client = new AgentClient(fixture.Gateway);
        await using var session = await client.ConnectAsync(agent.Token, agentVersion: "2.0.0");
        await session.NextAsync(ServerMessage.BodyOneofCase.Policy);

        await PutMinimumAsync(agent, "2.0.0");
        await session.NextAsync(m => m.Policy is { MinAgentVersion: "2.0.0" });
        // An upgrade notice would be queued right behind that update, so it would arrive before the ack of a report sent now.
        var seen = new List<ServerMessage.BodyOneofCase>();
        await session.SendReportAsync(AgentClient.Report(1, agent.Facts()));
        await session.NextAsync(m => { seen.Add(m.BodyCase); return m.Ack?.Sequence == 1; });

        Assert.DoesNotContain(ServerMessage.BodyOneofCase.UpgradeRequired, seen);
    }

    // Proves the notice is sent once per minimum: a later, unrelated settings change does not repeat it.
    [Fact]
    public async Task The_upgrade_notice_is_not_repeated_for_the_same_minimum()
    {
        var agent = await fixture.EnrollAsync();
        using var client = new AgentClient(fixture.Gateway);
        await using var session = await client.ConnectAsync(agent.Token, agentVersion: "1.0.0");
        await session.NextAsync(ServerMessage.BodyOneofCase.Policy);
        await PutMinimumAsync(agent, "2.0.0");
        await session.NextAsync(ServerMessage.BodyOneofCase.UpgradeRequired);

        await PutMinimumAsync(agent, "2.0.0", scanIntervalSeconds: 900);
        await session.NextAsync(m => m.Policy is { ScanIntervalSeconds: 900 });
        var seen = new List<ServerMessage.BodyOneofCase>();
        await session.SendReportAsync(AgentClient.Report(1, agent.Facts()));
        await session.NextAsync(m => { seen.Add(m.BodyCase); return m.Ack?.Sequence == 1; });

        Assert.DoesNotContain(ServerMessage.BodyOneofCase.UpgradeRequired, seen);
    }

    private async Task PutMinimumAsync(EnrolledAgent agent, string minimum, int scanIntervalSeconds = 600)
    {
        using var put = await fixture.Gateway.CreateClient(agent.Account.ApiKey).PutAsJsonAsync("/api/v1/settings",
            new { scanIntervalSeconds, offlineAfterSeconds = 180, minAgentVersion = minimum });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }
}
