using Fleet.Grains.Accounts;
using Fleet.Grains.Devices;
using Fleet.Grains.Graph.Storage;
using Fleet.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fleet.Grains.Graph;

public static class GraphSiloExtensions
{
    /// <summary>
    /// The graph store on Fleet's database (the same one as grain state, written by the same group-commit writer, both
    /// registered by <see cref="ComplianceCoreExtensions.AddFleetComplianceCore"/>), partitioning and query limits.
    /// </summary>
    public static IServiceCollection AddFleetGraph(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IGraphStore, SqlGraphStore>();
        return services.AddFleetGraphOptions(
            configuration.GetSection(GraphOptions.Section).Get<GraphOptions>() ?? new GraphOptions(),
            configuration.GetSection(QueryOptions.Section).Get<QueryOptions>() ?? new QueryOptions());
    }

    /// <summary>As above with a given store and options (tests and the benchmark use <see cref="InMemoryGraphStore"/>).</summary>
    public static IServiceCollection AddFleetGraph(this IServiceCollection services, IGraphStore store, GraphOptions graph, QueryOptions query)
    {
        services.AddSingleton(store);
        return services.AddFleetGraphOptions(graph, query);
    }

    private static IServiceCollection AddFleetGraphOptions(this IServiceCollection services, GraphOptions graph, QueryOptions query)
    {
        services.AddSingleton(graph);
        services.AddSingleton<GraphQuarantine>();
        services.AddSingleton(query.ToLimits());
        services.TryAddSingleton(TimeProvider.System);
        // Registered before the compliance core's defaults (TryAdd), so device and account grains project into the graph.
        services.AddSingleton<IDeviceProjectionSink, GraphDeviceProjectionSink>();
        services.AddSingleton<IAccountProjectionSink, GraphAccountProjectionSink>();
        return services;
    }
}
