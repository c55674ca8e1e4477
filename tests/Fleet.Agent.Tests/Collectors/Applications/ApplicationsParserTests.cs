using Fleet.Agent.Collectors.Applications;
using Fleet.Agent.Tests.Support;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Tests.Collectors.Applications;

public sealed class ApplicationsParserTests
{
    [Fact]
    public void Dpkg_TabSeparated_GivesNameAndVersion()
    {
        var apps = PackageListParser.ParseTabSeparated(Fixture.Text("Applications/linux/dpkg-query.txt"));

        Assert.Equal(7, apps.Count);
        Assert.Contains(new InstalledApplication("slack-desktop", "4.41.105"), apps);
    }

    [Fact]
    public void Rpm_NoneVersion_IsNull()
    {
        var apps = PackageListParser.ParseTabSeparated(Fixture.Text("Applications/linux/rpm-qa.txt"));

        Assert.Contains(new InstalledApplication("gpg-pubkey", null), apps);
        Assert.Contains(new InstalledApplication("1password", "8.10.48"), apps);
    }

    [Fact]
    public void Flatpak_Columns_AreRead()
    {
        Assert.Contains(new InstalledApplication("Slack", "4.41.105"), PackageListParser.ParseTabSeparated(Fixture.Text("Applications/linux/flatpak-list.txt")));
    }

    [Fact]
    public void Snap_TableSkipsHeader()
    {
        var apps = PackageListParser.ParseSnapList(Fixture.Text("Applications/linux/snap-list.txt"));

        Assert.Equal(4, apps.Count);
        Assert.Contains(new InstalledApplication("firefox", "131.0-1"), apps);
    }

    [Fact]
    public void Plist_Xml_GivesBundleNameAndShortVersion()
    {
        Assert.Equal(("Slack", "4.41.105"), InfoPlistParser.Parse(Fixture.Text("Applications/darwin/Slack-Info.plist")));
    }

    [Fact]
    public void Plist_DisplayNameAndBundleVersion_AreFallbacks()
    {
        Assert.Equal(("zoom.us", "6.2.11.43613"), InfoPlistParser.Parse(Fixture.Text("Applications/darwin/DisplayNameOnly-Info.plist")));
    }

    [Fact]
    public void Plist_Binary_IsRecognisedAndNotParsedAsXml()
    {
        var text = Fixture.Text("Applications/darwin/binary-Info.plist");

        Assert.True(InfoPlistParser.IsBinary(text));
        Assert.Null(InfoPlistParser.Parse(text));
    }

    [Fact]
    public void Plist_Truncated_IsNull()
    {
        Assert.Null(InfoPlistParser.Parse(Fixture.Text("Applications/darwin/truncated-Info.plist")));
    }

    [Fact]
    public void WindowsUninstall_SkipsSystemComponentsAndKeysWithoutName()
    {
        var apps = WindowsUninstallParser.Parse(RegQueryParser.Parse(Fixture.Text("Applications/win32/uninstall.txt")));

        Assert.Equal(
            [new InstalledApplication("7-Zip 23.01 (x64)", "23.01"), new InstalledApplication("Mozilla Firefox (x64 en-US)", "131.0"), new InstalledApplication("Legacy Tool", null)],
            apps);
    }
}
