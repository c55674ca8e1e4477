using Fleet.Agent.Collectors;
using Fleet.Agent.Collectors.Applications;
using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Tests.Support;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Tests.Collectors.Applications;

public sealed class ApplicationsCollectorTests
{
    // snap is there but cannot answer: what dpkg lists is installed, but absence can no longer be concluded.
    [Fact]
    public async Task Linux_SnapNotRunning_ListsDpkg_AndMarksTheListIncomplete()
    {
        var commands = new FakeCommandRunner()
            .On("dpkg-query -W -f ${Package}\t${Version}\n", Fixture.Stdout("Applications/linux/dpkg-query.txt"))
            .On("snap list", CommandResult.Exited(1, "", "error: cannot communicate with server: Get \"http://localhost/v2/snaps\": dial unix /run/snapd.socket: connect: no such file or directory\n"));

        var inventory = await new ApplicationsCollector(new CollectorContext(commands, new FakeFileReader(), _ => null, "/home/ann")).CollectAsync(Platform.Linux, CancellationToken.None);

        Assert.NotNull(inventory.Applications);
        Assert.Equal(7, inventory.Applications.Count);
        Assert.Contains("incomplete", inventory.UnknownReason);
        Assert.Contains("snapd.socket", inventory.UnknownReason);
    }

    // Missing tools and a missing dpkg database are sources that are not there, not failures.
    [Fact]
    public async Task Linux_AbsentSources_AreNotFailures()
    {
        var commands = new FakeCommandRunner()
            .On("rpm -qa --qf %{NAME}\t%{VERSION}\n", Fixture.Stdout("Applications/linux/rpm-qa.txt"))
            .On("dpkg-query -W -f ${Package}\t${Version}\n", Fixture.Stderr("Applications/linux/dpkg-query-not-dpkg.stderr.txt", exitCode: 2));

        var inventory = await new ApplicationsCollector(new CollectorContext(commands, new FakeFileReader(), _ => null, "/home/ann")).CollectAsync(Platform.Linux, CancellationToken.None);

        Assert.NotNull(inventory.Applications);
        Assert.Null(inventory.UnknownReason);
    }

    // Utilities, vendor folders, ~/Applications and the policy's paths all hold bundles; helpers inside a bundle are not apps.
    [Fact]
    public async Task Mac_BundlesInNestedFolders_HomeApplications_AndPolicyPaths_AreListed()
    {
        var plist = Fixture.Text("Applications/darwin/Slack-Info.plist");
        var files = new FakeFileReader()
            .With("/Applications/Utilities/Terminal.app/Contents/Info.plist", "")
            .With("/Applications/Microsoft Office/Microsoft Word.app/Contents/Info.plist", "")
            .With("/Applications/Zoom.app/Contents/Frameworks/Helper.app/Contents/Info.plist", "")
            .With("/Applications/Zoom.app/Contents/Info.plist", "")
            .With("/Users/ann/Applications/Slack.app/Contents/Info.plist", plist)
            .With("/opt/tools/Banned.app/Contents/Info.plist", "");
        var context = new CollectorContext(new FakeCommandRunner(), files, _ => null, "/Users/ann") { ApplicationFolders = ["/opt/tools"] };

        var inventory = await new ApplicationsCollector(context).CollectAsync(Platform.Darwin, CancellationToken.None);

        Assert.Equal(["Banned", "Microsoft Word", "Slack", "Terminal", "Zoom"], inventory.Applications!.Select(a => a.Name));
    }

    [Fact]
    public async Task Linux_NoPackageManagerReadable_IsUnknownListingEachFailure()
    {
        var commands = new FakeCommandRunner()
            .On("dpkg-query -W -f ${Package}\t${Version}\n", Fixture.Stderr("Applications/linux/dpkg-query-not-dpkg.stderr.txt", exitCode: 2));

        var inventory = await new ApplicationsCollector(new CollectorContext(commands, new FakeFileReader(), _ => null, "/home/ann")).CollectAsync(Platform.Linux, CancellationToken.None);

        Assert.Null(inventory.Applications);
        Assert.Contains("cannot access archive", inventory.UnknownReason);
        Assert.Contains("`rpm` not found", inventory.UnknownReason);
    }

    [Fact]
    public async Task Mac_BinaryPlist_IsConvertedWithPlutil_AndUnconvertibleFallsBackToFolderName()
    {
        var files = new FakeFileReader()
            .With("/Applications/Slack.app/Contents/Info.plist", Fixture.Text("Applications/darwin/binary-Info.plist"))
            .With("/Applications/Broken.app/Contents/Info.plist", Fixture.Text("Applications/darwin/binary-Info.plist"));
        var commands = new FakeCommandRunner()
            .On("plutil -convert xml1 -o - /Applications/Slack.app/Contents/Info.plist", Fixture.Stdout("Applications/darwin/Slack-Info.plist"));

        var inventory = await new ApplicationsCollector(new CollectorContext(commands, files, _ => null, "/Users/ann")).CollectAsync(Platform.Darwin, CancellationToken.None);

        Assert.Equal([new InstalledApplication("Broken", null), new InstalledApplication("Slack", "4.41.105")], inventory.Applications);
    }

    // The folders a policy names under paths.darwin reach the Mac collector; other platforms' paths do not.
    [Fact]
    public void PolicyApplicationFolders_AreThisPlatformsPaths()
    {
        const string policy = """{"applications": [{"name": "TV", "assertion": "ALWAYS", "paths": {"darwin": "/System/Applications", "linux": "/opt"}}]}""";

        Assert.Equal(["/System/Applications"], PolicyApplicationFolders.From(policy, Platform.Darwin));
        Assert.Empty(PolicyApplicationFolders.From(null, Platform.Darwin));
    }
}
