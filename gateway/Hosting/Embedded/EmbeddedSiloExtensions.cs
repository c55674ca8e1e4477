using Fleet.Grains.Hosting;

namespace Fleet.Gateway.Hosting.Embedded;

/// <summary>
/// Embedded mode's one door to the grains: the gateway process becomes a silo as well (SQLite, loopback, no Orleans
/// client port). The only gateway code that may use <c>Fleet.Grains</c>; the architecture test holds every other
/// namespace of the gateway to contracts and hosting, so a cluster-mode gateway depends on no grain.
/// </summary>
public static class EmbeddedSiloExtensions
{
    public static WebApplicationBuilder AddEmbeddedSilo(this WebApplicationBuilder builder)
    {
        builder.AddFleetSilo();
        return builder;
    }
}
