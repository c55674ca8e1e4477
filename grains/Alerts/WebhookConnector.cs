using System.Net;
using System.Net.Sockets;
using Fleet.Contracts.Alerts;

namespace Fleet.Grains.Alerts;

/// <summary>
/// The webhook client's connect step: resolves the name itself and refuses the connection when any address it
/// resolves to is refused by <see cref="WebhookDestination"/>, then connects to exactly those checked addresses. A
/// name that pointed at a public address when the rule was created and at 127.0.0.1 now (DNS rebinding) is refused here.
/// </summary>
public static class WebhookConnector
{
    /// <summary>The primary handler of the webhook client: checked connects, no proxy, no redirects.</summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivate) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
    };

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        if (addresses.Length == 0)
            throw new SocketException((int)SocketError.HostNotFound);
        foreach (var address in addresses)
        {
            if (WebhookDestination.Refusal(address, allowPrivate) is { } range)
                throw new WebhookDestinationRefusedException(range);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A webhook's destination resolved into a refused range (<see cref="Range"/>, e.g. "loopback").</summary>
public sealed class WebhookDestinationRefusedException(string range)
    : IOException($"The webhook destination is in {range} address space, which alert deliveries may not reach.")
{
    public string Range { get; } = range;
}
