using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.RemoteLogin;

/// <summary>
/// Remote login is on when something reachable from the network listens on a remote-login port
/// (SSH, Telnet, RDP, VNC/Screen Sharing, WinRM, and the remote-desktop tools that accept direct
/// connections), or when the SSH service is active even if it is socket-activated and idle right now.
/// </summary>
public static class RemoteLoginParser
{
    public static readonly IReadOnlyDictionary<int, string> Ports = new Dictionary<int, string>
    {
        [22] = "SSH",
        [23] = "Telnet",
        [3389] = "RDP",
        [5900] = "VNC",
        [5938] = "TeamViewer",
        [5985] = "WinRM",
        [5986] = "WinRM over HTTPS",
        [7070] = "AnyDesk direct connections",
        [21118] = "RustDesk direct IP access",
    };

    /// <param name="listeners">Listening sockets, or null when they could not be listed.</param>
    /// <param name="sshService">Evidence that the SSH service is active ("ssh.service active"), or null.</param>
    /// <param name="unreadableReason">Why the listeners could not be listed, used when nothing else is known.</param>
    public static Fact Decide(IReadOnlyList<ListeningSocket>? listeners, string? sshService, string? unreadableReason)
    {
        var remote = listeners?
            .Where(s => Ports.ContainsKey(s.Port) && !s.IsLoopback)
            .Select(s => s.Port)
            .Distinct()
            .Order()
            .ToList() ?? [];
        if (remote.Count > 0)
        {
            return Fact.On("listening on " + string.Join(", ", remote.Select(p => $"{p} ({Ports[p]})")));
        }
        if (sshService is not null)
        {
            return Fact.On(sshService);
        }
        return listeners is null
            ? Fact.Unknown(unreadableReason ?? "listening sockets could not be listed")
            : Fact.Off("nothing reachable from the network listens on " + string.Join(", ", Ports.Select(p => $"{p.Key} ({p.Value})")));
    }
}
