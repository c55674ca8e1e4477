using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Fleet.Gateway.Hosting;

public static class KestrelEndpointsExtensions
{
    /// <summary>
    /// Two listeners: HTTP/1.1+2 for browsers and the API, HTTP/2-only for agents' gRPC streams; both TLS-only when a
    /// certificate is configured (<see cref="GatewayTls"/>), and no plain listener beside them.
    /// </summary>
    public static WebApplicationBuilder AddFleetEndpoints(this WebApplicationBuilder builder)
    {
        var gateway = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var tls = GatewayTls.IsConfigured(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            Listen(kestrel, gateway.ListenAddress, gateway.HttpPort, HttpProtocols.Http1AndHttp2, tls);
            Listen(kestrel, gateway.ListenAddress, gateway.AgentPort, HttpProtocols.Http2, tls);
            // Each agent holds one stream for hours: Kestrel's default of 100 streams per connection
            // would silently queue agents that share a connection (proxies, load generators).
            kestrel.Limits.Http2.MaxStreamsPerConnection = 10_000;
            kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(30);
            kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
        });
        return builder;
    }

    private static void Listen(KestrelServerOptions kestrel, string address, int port, HttpProtocols protocols, bool tls)
    {
        Action<ListenOptions> configure = listen =>
        {
            listen.Protocols = protocols;
            if (tls)
                listen.UseHttps(); // Kestrel:Certificates:Default
        };
        switch (address)
        {
            case "localhost":
                kestrel.ListenLocalhost(port, configure);
                break;
            case "*" or "0.0.0.0":
                kestrel.ListenAnyIP(port, configure);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(address), port, configure);
                break;
        }
    }
}
