using System.Net;
using System.Net.Sockets;

namespace Fleet.Gateway.Tests.Infrastructure;

public static class FreePort
{
    // Below Linux's ephemeral range (32768–60999): a port the OS picked for us there can be taken by any outgoing
    // connection (of which parallel tests open many) before our process binds it, and the gateway then fails to start.
    private const int First = 20_000;
    private const int Last = 32_000;
    private static int _next = First + Random.Shared.Next(Last - First);

    /// <summary>A loopback TCP port nobody listens on right now, never handed out twice by this process.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Last - First; attempt++)
        {
            var port = First + (Interlocked.Increment(ref _next) - First) % (Last - First);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: try the next one.
            }
        }
        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }
}
