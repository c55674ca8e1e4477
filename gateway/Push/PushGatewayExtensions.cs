using Fleet.Contracts.Push;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fleet.Gateway.Push;

public static class PushGatewayExtensions
{
    /// <summary>SignalR, this gateway's change-feed observer and the dashboards registry.</summary>
    public static WebApplicationBuilder AddFleetPush(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddSingleton(builder.Configuration.GetSection(PushOptions.Section).Get<PushOptions>() ?? new PushOptions());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<FleetEventObserver>();
        builder.Services.AddSingleton<DashboardConnections>();
        builder.Services.AddSingleton<DashboardKeyConnections>();
        builder.Services.AddHostedService<DashboardRenewalService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFleetHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<FleetHub>(FleetHub.Path);
        return endpoints;
    }
}
