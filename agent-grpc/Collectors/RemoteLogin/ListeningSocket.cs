using System.Net;

namespace Fleet.Agent.Collectors.RemoteLogin;

/// <summary>A TCP socket in LISTEN state: the local address and port.</summary>
public sealed record ListeningSocket(string Address, int Port)
{
    /// <summary>Loopback-only listeners (an SSH tunnel end, a local VNC) are not reachable from the network.</summary>
    public bool IsLoopback =>
        Address is "localhost"
        || (IPAddress.TryParse(Address.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip));
}
