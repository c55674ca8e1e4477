using Fleet.Agent.Configuration;
using Fleet.Agent.Status;

namespace Fleet.Agent.Tests.Status;

/// <summary>The upgrade prompt `fleet-agent status` prints while this agent is older than the account's minimum version.</summary>
public sealed class UpgradeNoticeTests
{
    private static readonly PolicySnapshot Policy = new() { MinAgentVersion = "2.0.0", DownloadUrl = "https://fleet.example/downloads/" };

    // Proves an agent below the minimum is told both versions and where to download the new one.
    [Fact]
    public void An_agent_below_the_minimum_is_shown_the_versions_and_the_download_link()
    {
        var notice = UpgradeNotice.For(Policy, "1.9.3");

        Assert.NotNull(notice);
        Assert.StartsWith("UPGRADE REQUIRED", notice);
        Assert.Contains("this Fleet agent is 1.9.3", notice);
        Assert.Contains("requires 2.0.0 or later", notice);
        Assert.Contains("https://fleet.example/downloads/", notice);
    }

    // Proves an agent exactly at the minimum, or above it, is not prompted.
    [Theory]
    [InlineData("2.0.0")]
    [InlineData("2.0.1")]
    public void An_agent_at_or_above_the_minimum_is_not_prompted(string current) =>
        Assert.Null(UpgradeNotice.For(Policy, current));

    // Proves no minimum set means no prompt.
    [Fact]
    public void Without_a_minimum_there_is_no_prompt() =>
        Assert.Null(UpgradeNotice.For(Policy with { MinAgentVersion = "" }, "0.1.0"));

    // Proves a policy stored before the server sent download addresses still prompts, pointing at the IT team.
    [Fact]
    public void Without_a_download_address_the_prompt_points_at_the_it_team()
    {
        var notice = UpgradeNotice.For(Policy with { DownloadUrl = "" }, "1.0.0");

        Assert.Contains("Ask your IT team for the new version", notice);
    }
}
