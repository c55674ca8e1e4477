using System.Net;
using System.Net.Sockets;

namespace Fleet.Contracts.Alerts;

/// <summary>
/// Where a webhook may connect (docs/security.md, Outbound connections). A destination in loopback, link-local,
/// private, unique-local, unspecified, multicast or reserved space is refused: an account must not reach the service's
/// own network through its alert rules. <c>Fleet:Alerts:AllowPrivateWebhookDestinations</c> lets loopback and private
/// ranges through (on-premises receivers); link-local (cloud metadata at 169.254.169.254), unspecified, multicast and
/// reserved space stay refused whatever the setting.
/// </summary>
public static class WebhookDestination
{
    /// <summary>Why <paramref name="address"/> is refused (its range, e.g. "loopback"), or null when it may be reached.</summary>
    public static string? Refusal(IPAddress address, bool allowPrivate)
    {
        var range = RangeOf(address);
        return range switch
        {
            null => null,
            "loopback" or "private" or "unique-local" when allowPrivate => null,
            _ => range,
        };
    }

    /// <summary>
    /// The check at rule creation: an IP literal in any spelling .NET accepts (<c>2130706433</c>, <c>127.1</c>,
    /// <c>0x7f000001</c>, <c>[::ffff:127.0.0.1]</c>) and the names that always mean this machine (<c>localhost</c>,
    /// <c>*.localhost</c>). Other names are checked once resolved, when connecting (the silo's <c>WebhookConnector</c>).
    /// </summary>
    public static string? Refusal(Uri endpoint, bool allowPrivate)
    {
        var host = endpoint.IdnHost.TrimEnd('.');
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return allowPrivate ? null : "loopback";
        if (host.Length == 0)
            return "unspecified";
        return IPAddress.TryParse(host, out var address) ? Refusal(address, allowPrivate) : null;
    }

    /// <summary>The special-purpose range <paramref name="address"/> is in, or null for a public unicast address.</summary>
    public static string? RangeOf(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { } embedded)
            return RangeOf(embedded);
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return RangeOfIPv4(address.GetAddressBytes());
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return RangeOfIPv6(address);
        return "unspecified";
    }

    private static string? RangeOfIPv4(byte[] b) => b switch
    {
        [0, ..] => "unspecified",                                  // 0.0.0.0/8, "this network"
        [127, ..] => "loopback",                                   // 127.0.0.0/8
        [169, 254, ..] => "link-local",                            // 169.254.0.0/16, cloud metadata
        [10, ..] => "private",                                     // 10.0.0.0/8
        [172, >= 16 and <= 31, ..] => "private",                   // 172.16.0.0/12
        [192, 168, ..] => "private",                               // 192.168.0.0/16
        [100, >= 64 and <= 127, ..] => "private",                  // 100.64.0.0/10, carrier-grade NAT
        [192, 0, 0, ..] => "reserved",                             // 192.0.0.0/24, IETF protocol assignments
        [198, 18 or 19, ..] => "reserved",                         // 198.18.0.0/15, benchmarking
        [>= 224 and <= 239, ..] => "multicast",                    // 224.0.0.0/4
        [>= 240, ..] => "reserved",                                // 240.0.0.0/4 and 255.255.255.255
        _ => null,
    };

    private static string? RangeOfIPv6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6None))
            return "unspecified";
        if (address.Equals(IPAddress.IPv6Loopback))
            return "loopback";
        var b = address.GetAddressBytes();
        return b switch
        {
            [0xfe, >= 0x80 and <= 0xbf, ..] => "link-local",       // fe80::/10
            [0xfe, >= 0xc0, ..] => "private",                      // fec0::/10, site-local (deprecated)
            [0xfc or 0xfd, ..] => "unique-local",                  // fc00::/7
            [0xff, ..] => "multicast",                             // ff00::/8
            [0x01, 0x00, 0, 0, 0, 0, 0, 0, ..] => "reserved",      // 100::/64, discard-only
            [0x20, 0x01, 0x0d, 0xb8, ..] => "reserved",            // 2001:db8::/32, documentation
            _ => null,
        };
    }

    /// <summary>The IPv4 address an IPv6 address carries: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16).</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            return address.MapToIPv4();
        var b = address.GetAddressBytes();
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1))
            return new IPAddress(b.AsSpan(12, 4));
        if (b is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
            return new IPAddress(b.AsSpan(12, 4));
        if (b is [0x20, 0x02, ..])
            return new IPAddress(b.AsSpan(2, 4));
        return null;
    }
}
