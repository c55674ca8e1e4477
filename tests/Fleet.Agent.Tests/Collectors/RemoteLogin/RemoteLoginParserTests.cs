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

    private static readonly ListeningSocket[] WindowsDefaults = [new("0.0.0.0", 135), new("0.0.0.0", 445), new("127.0.0.1", 5939)];

    [Fact]
    public void Windows_RdpDenied_NothingListening_IsOff()
    {
        Assert.Equal(FactState.Off, WindowsRemoteLoginParser.Parse(RegQueryParser.Key("RemoteLogin/win32/terminalserver-deny1.txt"), WindowsDefaults, null).State);
    }

    [Fact]
    public void Windows_RdpAllowed_IsOn()
    {
        Assert.Equal(FactState.On, WindowsRemoteLoginParser.Parse(RegQueryParser.Key("RemoteLogin/win32/terminalserver-deny0.txt"), WindowsDefaults, null).State);
    }

    [Fact]
    public void Windows_SshdListening_IsOnEvenWithRdpDenied()
    {
        var fact = WindowsRemoteLoginParser.Parse(RegQueryParser.Key("RemoteLogin/win32/terminalserver-deny1.txt"), [.. WindowsDefaults, new("::", 22)], null);

        Assert.Equal(FactState.On, fact.State);
        Assert.Contains("22 (SSH)", fact.Reason);
    }

    // WinRM (Enable-PSRemoting) gives a remote shell; only RDP and sshd were counted before.
    [Fact]
    public void Windows_WinRmListening_IsOnEvenWithRdpDenied()
    {
        var fact = WindowsRemoteLoginParser.Parse(RegQueryParser.Key("RemoteLogin/win32/terminalserver-deny1.txt"), [.. WindowsDefaults, new("0.0.0.0", 5985)], null);

        Assert.Equal(FactState.On, fact.State);
        Assert.Contains("WinRM", fact.Reason);
    }

    // A remote-desktop tool that accepts direct connections is remote login too.
    [Theory]
    [InlineData(5938, "TeamViewer")]
    [InlineData(7070, "AnyDesk")]
    [InlineData(5900, "VNC")]
    public void Windows_RemoteDesktopToolListening_IsOn(int port, string tool)
    {
        var fact = WindowsRemoteLoginParser.Parse(RegQueryParser.Key("RemoteLogin/win32/terminalserver-deny1.txt"), [.. WindowsDefaults, new("0.0.0.0", port)], null);

        Assert.Equal(FactState.On, fact.State);
        Assert.Contains(tool, fact.Reason);
    }

    // The IPv4-mapped loopback form Windows reports is still loopback.
    [Fact]
    public void Windows_LoopbackOnlyToolListener_IsOff()
    {
        var fact = WindowsRemoteLoginParser.Parse(RegQueryParser.Key("RemoteLogin/win32/terminalserver-deny1.txt"), [new("::ffff:127.0.0.1", 5985), new("::1", 22)], null);

        Assert.Equal(FactState.Off, fact.State);
    }

    // RDP denied but listeners unknown: a WinRM listener could be there, so not Off.
    [Fact]
    public void Windows_RdpDenied_ListenersUnreadable_IsUnknown()
    {
        Assert.Equal(FactState.Unknown, WindowsRemoteLoginParser.Parse(RegQueryParser.Key("RemoteLogin/win32/terminalserver-deny1.txt"), null, "table unreadable").State);
    }

    [Fact]
    public void Windows_NothingReadable_IsUnknown()
    {
        Assert.Equal(FactState.Unknown, WindowsRemoteLoginParser.Parse(null, null, null).State);
    }
}
