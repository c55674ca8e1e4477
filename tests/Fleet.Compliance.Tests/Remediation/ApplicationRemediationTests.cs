namespace Fleet.Compliance.Tests.Remediation;

using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;
using Fleet.Compliance.Remediation;

/// <summary>
/// The fix shown for an application entry is built from what the policy says about it: its name, the
/// version it asks for, its description and where to install it from.
/// </summary>
public sealed class ApplicationRemediationTests
{
    [Fact]
    public void A_required_application_without_details_points_at_the_software_portal()
    {
        var remediation = RemediationCatalog.ForApplication(new ApplicationRequirement("Slack", Requirement.Always));

        Assert.Equal("Install Slack", remediation.Title);
        Assert.Equal("Your organisation's policy requires Slack on this device.", remediation.Why);
        Assert.StartsWith("1. Get Slack from your organisation's software portal", remediation.DirectionsMarkdown, StringComparison.Ordinal);
        Assert.Null(remediation.DeepLink);
    }

    [Fact]
    public void A_required_version_is_named_in_the_reason_and_the_first_step()
    {
        var application = new ApplicationRequirement("Slack", Requirement.Suggested, Version: VersionRange.Parse(">=4.35"), InstallFrom: "https://slack.com/downloads");

        var remediation = RemediationCatalog.ForApplication(application);

        Assert.Equal("Your organisation's policy requires Slack (version >=4.35) on this device.", remediation.Why);
        Assert.StartsWith("1. Download Slack (version >=4.35) from <https://slack.com/downloads>.", remediation.DirectionsMarkdown, StringComparison.Ordinal);
        Assert.Equal("https://slack.com/downloads", remediation.DeepLink);
    }

    [Fact]
    public void A_banned_application_without_a_description_says_which_versions_are_not_allowed()
    {
        var remediation = RemediationCatalog.ForApplication(new ApplicationRequirement("uTorrent", Requirement.Never, Version: VersionRange.Parse("<3.6")));

        Assert.Equal("Remove uTorrent", remediation.Title);
        Assert.Equal("uTorrent (version <3.6) is not allowed on company devices by your organisation's policy.", remediation.Why);
        Assert.StartsWith("1. Quit uTorrent if it is running.", remediation.DirectionsMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_banned_application_gives_its_description_as_the_reason_and_no_download_link()
    {
        var application = new ApplicationRequirement("uTorrent", Requirement.Never, Description: "Peer-to-peer file sharing", InstallFrom: "https://example.test");

        var remediation = RemediationCatalog.ForApplication(application);

        Assert.Equal("Peer-to-peer file sharing", remediation.Why);
        Assert.Null(remediation.DeepLink);
        Assert.DoesNotContain("example.test", remediation.DirectionsMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void An_application_is_required()
    {
        Assert.Throws<ArgumentNullException>(() => RemediationCatalog.ForApplication(null!));
    }

    [Fact]
    public void On_KDE_a_check_without_KDE_directions_gets_the_GNOME_ones()
    {
        // Only some checks differ on KDE; the rest fall back rather than leaving a KDE user without directions.
        var kde = RemediationCatalog.For(CheckIds.AgentVersion, Platform.Linux, LinuxDesktop.Kde);

        Assert.Same(RemediationCatalog.For(CheckIds.AgentVersion, Platform.Linux, LinuxDesktop.Gnome), kde);
    }

    [Fact]
    public void On_GNOME_or_an_unknown_desktop_a_check_with_KDE_directions_gets_the_GNOME_ones()
    {
        var gnome = RemediationCatalog.For(CheckIds.ScreenLock, Platform.Linux, LinuxDesktop.Gnome);

        Assert.NotSame(RemediationCatalog.For(CheckIds.ScreenLock, Platform.Linux, LinuxDesktop.Kde), gnome);
        Assert.Same(RemediationCatalog.For(CheckIds.ScreenLock, Platform.Linux, LinuxDesktop.Unknown), gnome);
    }

    [Fact]
    public void Each_platform_gets_its_own_directions()
    {
        var darwin = RemediationCatalog.For(CheckIds.Firewall, Platform.Darwin)!;
        var win32 = RemediationCatalog.For(CheckIds.Firewall, Platform.Win32)!;
        var linux = RemediationCatalog.For(CheckIds.Firewall, Platform.Linux)!;

        Assert.Contains("System Settings", darwin.DirectionsMarkdown, StringComparison.Ordinal);
        Assert.Contains("Windows Security", win32.DirectionsMarkdown, StringComparison.Ordinal);
        Assert.Distinct([darwin, win32, linux]);
    }

    [Fact]
    public void An_unknown_check_has_no_directions()
    {
        Assert.Null(RemediationCatalog.For("bluetooth", Platform.Darwin));
    }
}
