using Fleet.Contracts.Push;
using Fleet.Grains.Graph;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fleet.Grains.StandingQueries;

public static class StandingQueriesSiloExtensions
{
    /// <summary>
    /// Standing queries: questions a dashboard watches, re-run (incrementally where the query allows) when the change
    /// feed reports a change, over the account's graph. Their bounds are the push options (section <c>Fleet:Push</c>).
    /// </summary>
    public static IServiceCollection AddFleetStandingQueries(this IServiceCollection services, IConfiguration configuration)
    {
        var push = configuration.GetSection(PushOptions.Section).Get<PushOptions>() ?? new PushOptions();
        services.TryAddSingleton(Microsoft.Extensions.Options.Options.Create(push));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAccountQueryRunner, GraphQueryRunner>();
        return services;
    }
}
