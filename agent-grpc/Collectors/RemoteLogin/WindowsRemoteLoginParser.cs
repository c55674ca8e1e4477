using Fleet.Agent.Collectors.Registry;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.RemoteLogin;

/// <summary>
/// Windows: remote login is on when Remote Desktop is allowed (HKLM\System\CurrentControlSet\Control\Terminal
/// Server fDenyTSConnections=0), or when anything reachable from the network listens on a remote-login
/// port — OpenSSH, WinRM (5985/5986) and remote-desktop tools (VNC, TeamViewer, AnyDesk, RustDesk), see
/// <see cref="RemoteLoginParser.Ports"/>. The listener table comes from the OS (any user may read it).
/// </summary>
public static class WindowsRemoteLoginParser
{
    public const string TerminalServerPath = @"HKLM\System\CurrentControlSet\Control\Terminal Server";

    /// <param name="terminalServer">The Terminal Server key, or null when it does not exist.</param>
    /// <param name="listeners">Listening TCP sockets, or null when they could not be listed.</param>
    /// <param name="listenersUnreadableReason">Why the listeners could not be listed.</param>
    public static Fact Parse(RegistryKey? terminalServer, IReadOnlyList<ListeningSocket>? listeners, string? listenersUnreadableReason)
    {
        var deny = terminalServer?["fDenyTSConnections"]?.AsNumber();
        var listening = RemoteLoginParser.Decide(listeners, null, listenersUnreadableReason);
        if (deny == 0)
        {
            return Fact.On("Remote Desktop allowed (fDenyTSConnections=0)" + (listening.State == FactState.On ? "; " + listening.Reason : ""));
        }
        if (listening.State == FactState.On)
        {
            return listening;
        }
        if (deny != 1)
        {
            return Fact.Unknown("fDenyTSConnections not readable" + (listening.State == FactState.Unknown ? "; " + listening.Reason : ""));
        }
        return listening.State == FactState.Off
            ? Fact.Off("Remote Desktop denied (fDenyTSConnections=1); " + listening.Reason)
            : Fact.Unknown("Remote Desktop denied (fDenyTSConnections=1), but " + listening.Reason);
    }
}
