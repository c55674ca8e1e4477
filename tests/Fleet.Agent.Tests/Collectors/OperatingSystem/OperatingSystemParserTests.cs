using Fleet.Agent.Collectors.OperatingSystem;
using Fleet.Agent.Tests.Support;

namespace Fleet.Agent.Tests.Collectors.OperatingSystem;

public sealed class OperatingSystemParserTests
{
    [Theory]
    [InlineData("os-release-ubuntu", "ubuntu", "Ubuntu", "24.04")]
    [InlineData("os-release-fedora", "fedora", "Fedora Linux", "40")]
    [InlineData("os-release-arch", "arch", "Arch Linux", "rolling")]
    public void OsRelease_GivesDistroNameVersion(string fixture, string id, string name, string version)
    {
        var release = OsReleaseParser.Parse(Fixture.Text($"OperatingSystem/linux/{fixture}"));

        Assert.NotNull(release);
        Assert.Equal((id, name, version), (release.Id, release.Name, release.Version));
    }

    [Fact]
    public void OsRelease_Empty_IsNull()
    {
        Assert.Null(OsReleaseParser.Parse(Fixture.Text("OperatingSystem/linux/os-release-empty")));
    }

    [Fact]
    public void SwVers_GivesNameVersionBuild()
    {
        Assert.Equal(("macOS", "14.6.1", "23G93"), SwVersParser.Parse(Fixture.Text("OperatingSystem/darwin/sw_vers.txt")));
    }

    [Fact]
    public void SwVers_Garbage_IsNull()
    {
        Assert.Null(SwVersParser.Parse("sw_vers: command not found"));
    }

    [Fact]
    public void Ioreg_GivesUuidSerialModel()
    {
        Assert.Equal(("5E9A1C2B-7D34-4F0E-9B21-8A7C6D5E4F30", "C02FK1ABCD12", "MacBookPro18,1"), IoregParser.Parse(Fixture.Text("OperatingSystem/darwin/ioreg.txt")));
    }

    [Fact]
    public void WindowsCurrentVersion_Build22631_IsWindows11WithUbr()
    {
        var version = WindowsCurrentVersionParser.Parse(RegQueryParser.Key("OperatingSystem/win32/currentversion-win11.txt"));

        Assert.Equal(("Windows 11 Pro 23H2", "10.0.22631", "22631.4144"), version);
    }

    [Fact]
    public void WindowsCurrentVersion_Build19045_StaysWindows10()
    {
        Assert.Equal("Windows 10 Pro 22H2", WindowsCurrentVersionParser.Parse(RegQueryParser.Key("OperatingSystem/win32/currentversion-win10.txt"))?.Name);
    }

    [Fact]
    public void WindowsCurrentVersion_RegError_IsNull()
    {
        Assert.Null(WindowsCurrentVersionParser.Parse(RegQueryParser.Key("OperatingSystem/win32/reg-not-found.txt")));
    }
}
