namespace Fleet.Agent.Collectors.RemoteLogin;

/// <summary>A TCP socket in LISTEN state: the local address and port.</summary>
public sealed record ListeningSocket(string Address, int Port)
{
    /// <summary>Loopback-only listeners (an SSH tunnel end, a local VNC) are not reachable from the network.</summary>
    public bool IsLoopback =>
        Address.StartsWith("127.", StringComparison.Ordinal) || Address is "::1" or "[::1]" or "localhost"
        || Address.StartsWith("[::ffff:127.", StringComparison.Ordinal);
}
