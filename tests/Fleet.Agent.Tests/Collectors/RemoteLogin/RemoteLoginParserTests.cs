using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Collectors.RemoteLogin;
using Fleet.Agent.Tests.Support;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Tests.Collectors.RemoteLogin;

public sealed class RemoteLoginParserTests
{
    [Fact]
    public void Ss_SshdOnAllAddresses_IsOnNamingThePort()
    {
        var fact = RemoteLoginParser.Decide(ListeningSocketsParser.ParseLinux(Fixture.Text("RemoteLogin/linux/ss-sshd.txt")), null, null);

        Assert.Equal(FactState.On, fact.State);
        Assert.Contains("22 (SSH)", fact.Reason);
    }

    [Fact]
    public void Ss_LoopbackOnlyListeners_AreNotRemoteLogin()
    {
        var fact = RemoteLoginParser.Decide(ListeningSocketsParser.ParseLinux(Fixture.Text("RemoteLogin/linux/ss-loopback-only.txt")), null, null);

        Assert.Equal(FactState.Off, fact.State);
    }

    [Fact]
    public void Netstat_Vnc_IsOn()
    {
        var fact = RemoteLoginParser.Decide(ListeningSocketsParser.ParseLinux(Fixture.Text("RemoteLogin/linux/netstat-tln-vnc.txt")), null, null);

        Assert.Equal(FactState.On, fact.State);
        Assert.Contains("5900", fact.Reason);
    }

    [Fact]
    public void NoListenersButSshServiceActive_IsOn()
    {
        Assert.Equal(FactState.On, RemoteLoginParser.Decide([], "ssh.service active", null).State);
    }

    [Fact]
    public void SocketsUnreadable_IsUnknownWithReason()
    {
        var fact = RemoteLoginParser.Decide(null, null, "`ss -tlnH` not found");

        Assert.Equal(FactState.Unknown, fact.State);
        Assert.Contains("not found", fact.Reason);
    }

    [Fact]
    public void MacNetstat_Port22_IsOn()
    {
        var fact = RemoteLoginParser.Decide(ListeningSocketsParser.ParseMac(Fixture.Text("RemoteLogin/darwin/netstat-anv-ssh.txt")), null, null);

        Assert.Equal(FactState.On, fact.State);
    }

    [Fact]
    public void MacNetstat_OnlyAirPlayAndLoopbackCups_IsOff()
    {
        Assert.Equal(FactState.Off, RemoteLoginParser.Decide(ListeningSocketsParser.ParseMac(Fixture.Text("RemoteLogin/darwin/netstat-anv-none.txt")), null, null).State);
    }

    [Fact]
    public void MacLaunchctl_LoadedAndNotFound_AreDistinguished()
    {
        Assert.True(MacLaunchdSshParser.IsLoaded(Fixture.Stdout("RemoteLogin/darwin/launchctl-loaded.txt")));
        Assert.False(MacLaunchdSshParser.IsLoaded(Fixture.Stderr("RemoteLogin/darwin/launchctl-not-found.stderr.txt", exitCode: 113)));
        Assert.Null(MacLaunchdSshParser.IsLoaded(CommandResult.NotFound()));
    }

    [Fact]
    public void Windows_RdpDenied_NoSshd_IsOff()
    {
        Assert.Equal(FactState.Off, WindowsRemoteLoginParser.Parse(Fixture.Text("RemoteLogin/win32/terminalserver-deny1.txt"), null).State);
    }

    [Fact]
    public void Windows_RdpAllowed_IsOn()
    {
        Assert.Equal(FactState.On, WindowsRemoteLoginParser.Parse(Fixture.Text("RemoteLogin/win32/terminalserver-deny0.txt"), null).State);
    }

    [Fact]
    public void Windows_SshdRunning_IsOnEvenWithRdpDenied()
    {
        var fact = WindowsRemoteLoginParser.Parse(Fixture.Text("RemoteLogin/win32/terminalserver-deny1.txt"), Fixture.Text("RemoteLogin/win32/sc-sshd-running.txt"));

        Assert.Equal(FactState.On, fact.State);
        Assert.Contains("OpenSSH", fact.Reason);
    }

    [Fact]
    public void Windows_NothingReadable_IsUnknown()
    {
        Assert.Equal(FactState.Unknown, WindowsRemoteLoginParser.Parse(null, null).State);
    }
}
