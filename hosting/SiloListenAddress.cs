using System.Net;
using System.Net.Sockets;

namespace Fleet.Hosting;

/// <summary>
/// Where a silo process listens (<see cref="FleetOptions.ListenAddress"/>) and what it advertises. Loopback by default,
/// like the gateway: a silo's ports carry unauthenticated Orleans traffic, so opening them is an explicit choice.
/// </summary>
public sealed record SiloListenAddress(IPAddress? Listen, IPAddress Advertised)
{
    /// <summary>Null <see cref="Listen"/> means every interface.</summary>
    public bool AnyAddress => Listen is null;

    public static SiloListenAddress Resolve(FleetOptions options)
    {
        IPAddress? listen = options.ListenAddress.Trim() switch
        {
            "" or "localhost" => IPAddress.Loopback,
            "*" or "0.0.0.0" => null,
            var text when IPAddress.TryParse(text, out var address) => address,
            var text => throw new InvalidOperationException($"Fleet:ListenAddress is '{text}'; use 'localhost', '*' or an IP address."),
        };
        var advertised = !string.IsNullOrWhiteSpace(options.AdvertisedAddress)
            ? IPAddress.TryParse(options.AdvertisedAddress, out var configured) ? configured : Dns.GetHostAddresses(options.AdvertisedAddress).First()
            : listen ?? FirstNonLoopback();
        return new SiloListenAddress(listen, advertised);
    }

    /// <summary>The URL the health endpoints listen on.</summary>
    public string HealthUrl(int port) => Listen switch
    {
        null => $"http://*:{port}",
        { AddressFamily: AddressFamily.InterNetworkV6 } v6 => $"http://[{v6}]:{port}",
        var address => $"http://{address}:{port}",
    };

    private static IPAddress FirstNonLoopback() =>
        Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? IPAddress.Loopback;
}
