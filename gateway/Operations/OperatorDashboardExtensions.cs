using Fleet.Gateway.Security;
using Orleans.Dashboard;

namespace Fleet.Gateway.Operations;

public static class OperatorDashboardExtensions
{
    public const string Path = "/dashboard";

    /// <summary>
    /// The Orleans dashboard, for the operator only. Browsers cannot send a bearer key, so here the operator key is
    /// also accepted as the password of HTTP Basic auth and the browser asks for it.
    /// </summary>
    public static IEndpointRouteBuilder MapOperatorDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOrleansDashboard(Path).RequireAuthorization(FleetPolicies.Operator);
        return endpoints;
    }
}
