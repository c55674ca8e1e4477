using System.Security.Cryptography;
using System.Text;
using Fleet.Hosting;

namespace Fleet.Hosting.Telemetry;

/// <summary>
/// The Prometheus scrape endpoint (OpenTelemetry's Prometheus exporter: the same meters OTLP exports), for the
/// operator only: metrics name the deployment's load and accounts' activity. The gateway guards it with its
/// operator-key authentication; a silo process, which has no other authentication, with
/// <see cref="MapSiloMetrics"/>.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>
    /// On the silo's health port, behind <c>Fleet:OperatorKey</c> as a bearer token (the same key the gateways use).
    /// Without a configured key the endpoint does not exist (404): there would be nothing to check a scraper against.
    /// </summary>
    public static IEndpointRouteBuilder MapSiloMetrics(this IEndpointRouteBuilder endpoints)
    {
        var fleet = endpoints.ServiceProvider.GetRequiredService<FleetOptions>();
        if (string.IsNullOrWhiteSpace(fleet.OperatorKey))
            return endpoints;
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(fleet.OperatorKey));
        endpoints.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (!IsOperator(context.Request.Headers.Authorization.ToString(), expected))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return;
            }
            await next(context);
        }), optionsName: null);
        return endpoints;
    }

    /// <summary>Constant-time comparison of hashes, so response timing tells nothing about the key.</summary>
    private static bool IsOperator(string authorization, byte[] expected) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(Encoding.UTF8.GetBytes(authorization["Bearer ".Length..].Trim())));
}
