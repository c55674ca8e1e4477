namespace Fleet.Compliance.Tests.Remediation;

using System.Text.RegularExpressions;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;
using Fleet.Compliance.Remediation;

/// <summary>Every setting check has directions with numbered steps on every platform and desktop.</summary>
public sealed class RemediationCatalogTests
{
    public static TheoryData<string, Platform, LinuxDesktop> EveryCheckAndPlatform()
    {
        var data = new TheoryData<string, Platform, LinuxDesktop>();
        foreach (var checkId in CheckIds.Settings)
        {
            data.Add(checkId, Platform.Darwin, LinuxDesktop.Unknown);
            data.Add(checkId, Platform.Win32, LinuxDesktop.Unknown);
            data.Add(checkId, Platform.Linux, LinuxDesktop.Unknown);
            data.Add(checkId, Platform.Linux, LinuxDesktop.Gnome);
            data.Add(checkId, Platform.Linux, LinuxDesktop.Kde);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCheckAndPlatform))]
    public void For_EveryCheckAndPlatform_HasNumberedSteps(string checkId, Platform platform, LinuxDesktop desktop)
    {
        var remediation = RemediationCatalog.For(checkId, platform, desktop);

        Assert.NotNull(remediation);
        Assert.False(string.IsNullOrWhiteSpace(remediation.Title));
        Assert.False(string.IsNullOrWhiteSpace(remediation.Why));
        Assert.Matches(new Regex(@"^1\. .+\n2\. ", RegexOptions.Multiline), remediation.DirectionsMarkdown);
    }

    [Fact]
    public void For_MacOs_UsesSystemSettingsNotSystemPreferences()
    {
        foreach (var checkId in CheckIds.Settings)
        {
            Assert.DoesNotContain("System Preferences", RemediationCatalog.For(checkId, Platform.Darwin)!.DirectionsMarkdown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void For_DiskEncryptionOnMac_LinksToFileVault()
    {
        Assert.Equal(
            "x-apple.systempreferences:com.apple.settings.PrivacySecurity.extension?FileVault",
            RemediationCatalog.For(CheckIds.DiskEncryption, Platform.Darwin)!.DeepLink);
    }

    [Fact]
    public void For_KdeWhereItDiffers_GivesKdeDirections()
    {
        var kde = RemediationCatalog.For(CheckIds.ScreenLock, Platform.Linux, LinuxDesktop.Kde)!;

        Assert.Contains("Screen Locking", kde.DirectionsMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void For_ApplicationOrUnknownPlatform_IsNull()
    {
        Assert.Null(RemediationCatalog.For("app:Slack", Platform.Darwin));
        Assert.Null(RemediationCatalog.For(CheckIds.Firewall, Platform.Unknown));
    }

    [Fact]
    public void ForApplication_Required_UsesNameDescriptionAndInstallFrom()
    {
        var application = new ApplicationRequirement("Slack", Requirement.Always, Description: "Team chat", InstallFrom: "https://slack.com/downloads");

        var remediation = RemediationCatalog.ForApplication(application);

        Assert.Equal("Install Slack", remediation.Title);
        Assert.Equal("Team chat", remediation.Why);
        Assert.Contains("https://slack.com/downloads", remediation.DirectionsMarkdown, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^1\. .+\n2\. ", RegexOptions.Multiline), remediation.DirectionsMarkdown);
    }

    [Fact]
    public void ForApplication_Never_GivesRemovalSteps()
    {
        var remediation = RemediationCatalog.ForApplication(new ApplicationRequirement("uTorrent", Requirement.Never));

        Assert.Equal("Remove uTorrent", remediation.Title);
        Assert.Null(remediation.DeepLink);
    }
}
