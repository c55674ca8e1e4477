namespace Fleet.Compliance.Tests.Evaluation;

using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

/// <summary>A NEVER entry with a version bans only that range; which installed copy a result speaks of.</summary>
public sealed class BannedApplicationVersionTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly Policy Banned = PolicyParser.Parse("""
        applications:
          - name: Zoom
            assertion: NEVER
            version: "<5.17"
          - name: Slack
            assertion: ALWAYS
            version: ">=4.35"
        """).Policy!;

    private static CheckResult Check(string checkId, params (string Name, string Version)[] copies) =>
        PolicyEvaluator.Evaluate(Banned, new DeviceFacts { Platform = Platform.Darwin, Applications = [.. copies.Select(c => new InstalledApplication(c.Name, c.Version))] }, new("d1", null), Now).Find(checkId)!;

    // Proves a copy inside the banned range fails, naming the version found and the range.
    [Fact]
    public void A_copy_inside_the_banned_range_fails()
    {
        var zoom = Check("app:Zoom", ("Zoom", "5.16.2"));

        Assert.Equal(CheckStatus.Fail, zoom.Status);
        Assert.Equal("Zoom 5.16.2 is installed, and the policy does not allow <5.17", zoom.Detail);
    }

    // Proves a copy outside the banned range passes.
    [Fact]
    public void A_copy_outside_the_banned_range_passes()
    {
        var zoom = Check("app:Zoom", ("Zoom", "6.0.1"));

        Assert.Equal(CheckStatus.Pass, zoom.Status);
        Assert.Equal("Zoom 6.0.1 is installed, outside the disallowed <5.17", zoom.Detail);
    }

    // Proves a banned range is not passed when the installed version cannot be read: it might be inside.
    [Fact]
    public void A_copy_whose_version_cannot_be_read_is_unknown_not_pass()
    {
        var zoom = Check("app:Zoom", ("Zoom", "unknown"));

        Assert.Equal(CheckStatus.Unknown, zoom.Status);
        Assert.Equal("could not read: the installed version of Zoom is unknown", zoom.Detail);
    }

    // Proves one banned copy among several fails the check, even when the first copy found is allowed.
    [Fact]
    public void A_banned_second_copy_fails_even_when_the_first_is_allowed()
    {
        var zoom = Check("app:Zoom", ("Zoom", "6.0.1"), ("zoom", "5.0.0"));

        Assert.Equal(CheckStatus.Fail, zoom.Status);
        Assert.Contains("5.0.0", zoom.Detail);
    }

    // Proves a readable banned copy is a FAIL even when another copy's version cannot be read.
    [Fact]
    public void A_banned_copy_fails_even_beside_an_unreadable_one()
    {
        var zoom = Check("app:Zoom", ("Zoom", "unknown"), ("Zoom", "5.1.0"));

        Assert.Equal(CheckStatus.Fail, zoom.Status);
    }

    // Proves that when no copy is in the required range, the result names the first copy found, in inventory order.
    [Fact]
    public void A_required_application_out_of_range_names_the_first_copy_found()
    {
        var slack = Check("app:Slack", ("Slack", "4.20.0"), ("Slack", "4.30.0"));

        Assert.Equal(CheckStatus.Fail, slack.Status);
        Assert.Equal("Slack 4.20.0 is installed; the policy requires >=4.35", slack.Detail);
    }
}
