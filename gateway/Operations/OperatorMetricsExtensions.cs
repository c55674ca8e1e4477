using Fleet.Gateway.Security;
using Fleet.Hosting.Telemetry;

namespace Fleet.Gateway.Operations;

public static class OperatorMetricsExtensions
{
    /// <summary>
    /// Prometheus scrape endpoint (<see cref="MetricsEndpoint.Path"/>) on the gateway's HTTP port, where its health
    /// endpoints are, for the operator key only (bearer, as a Prometheus <c>authorization</c> credential).
    /// </summary>
    public static IEndpointRouteBuilder MapOperatorMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsEndpoint.Path).RequireAuthorization(FleetPolicies.Operator);
        return endpoints;
    }
}
