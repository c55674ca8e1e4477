using System.Net;

namespace Fleet.Gateway.Hosting;

/// <summary>
/// The addresses people and agents use to reach this gateway, as written into invite e-mails and upgrade notices:
/// <c>Fleet:PublicUrl</c> (browser, API, <c>/downloads/</c>) and <c>Fleet:PublicAgentUrl</c> (agents' gRPC).
/// Behind a proxy or load balancer set both; by default they are the listening addresses.
/// </summary>
public sealed record PublicUrls(Uri Web, Uri Agent)
{
    public Uri Downloads => new(Web, "downloads/");

    public static PublicUrls From(IConfiguration configuration, GatewayOptions gateway)
    {
        var host = gateway.ListenAddress switch
        {
            "localhost" => "localhost",
            "*" or "0.0.0.0" => Dns.GetHostName(),
            var address when IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 => $"[{address}]",
            var address => address,
        };
        var scheme = GatewayTls.IsConfigured(configuration) ? "https" : "http";
        return new PublicUrls(
            Parse(configuration["Fleet:PublicUrl"], "Fleet:PublicUrl") ?? new Uri($"{scheme}://{host}:{gateway.HttpPort}/"),
            Parse(configuration["Fleet:PublicAgentUrl"], "Fleet:PublicAgentUrl") ?? new Uri($"{scheme}://{host}:{gateway.AgentPort}/"));
    }

    private static Uri? Parse(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!Uri.TryCreate(value.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"{name} is '{value}'; it must be an absolute http:// or https:// URL.");
        return uri;
    }
}
