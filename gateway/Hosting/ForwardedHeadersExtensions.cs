using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Fleet.Gateway.Hosting;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address, so the per-address limits (failed keys, invite
/// codes, agent tokens) would put every client into one bucket. <c>Fleet:Gateway:KnownProxies</c> lists the proxies
/// whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed; from anyone else those headers are ignored, so a
/// client cannot pick its own address. ASP.NET's default trust of loopback is cleared: only the listed addresses count.
/// </summary>
public static class ForwardedHeadersExtensions
{
    public static WebApplicationBuilder AddFleetForwardedHeaders(this WebApplicationBuilder builder)
    {
        var proxies = KnownProxies(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = proxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in proxies)
                options.KnownProxies.Add(proxy);
            // Every hop that is a known proxy is unwrapped; the first address that is not one is the client.
            options.ForwardLimit = null;
        });
        return builder;
    }

    /// <summary>Must run first, so authentication and every limiter see the client's address.</summary>
    public static WebApplication UseFleetForwardedHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    /// <summary><c>Fleet:Gateway:KnownProxies</c> as a list (<c>KnownProxies:0</c>, …) or one comma-separated value.</summary>
    private static List<IPAddress> KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection(GatewayOptions.Section + ":KnownProxies");
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var proxies = new List<IPAddress>();
        foreach (var value in values)
        {
            if (!IPAddress.TryParse(value, out var address))
                throw new InvalidOperationException($"Fleet:Gateway:KnownProxies has '{value}'; list the proxies' IP addresses (no host names, no networks).");
            proxies.Add(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
        }
        return proxies;
    }
}
