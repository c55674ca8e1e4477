using Fleet.Contracts;
using Fleet.Gateway.Hosting.Embedded;
using Fleet.Hosting;
using Fleet.Hosting.Storage;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;

namespace Fleet.Gateway.Hosting;

public static class ClusterConnectionExtensions
{
    /// <summary>Embedded mode co-hosts a silo; cluster mode joins the silos as an Orleans client.</summary>
    public static WebApplicationBuilder AddFleetCluster(this WebApplicationBuilder builder)
    {
        var gateway = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.AddSingleton(gateway);
        switch (gateway.Mode)
        {
            case GatewayOptions.Embedded:
                builder.AddEmbeddedSilo();
                break;
            case GatewayOptions.Cluster:
                AddClusterClient(builder, gateway);
                break;
            default:
                throw new InvalidOperationException(
                    $"Fleet:Gateway:Mode is '{gateway.Mode}'; use '{GatewayOptions.Embedded}' or '{GatewayOptions.Cluster}'.");
        }
        return builder;
    }

    private static void AddClusterClient(WebApplicationBuilder builder, GatewayOptions gateway)
    {
        var options = builder.Configuration.GetSection(FleetOptions.Section).Get<FleetOptions>() ?? new FleetOptions();
        var storage = StorageSelection.Resolve(options);
        if (storage.Provider != FleetStorageOptions.Postgres)
            throw new InvalidOperationException("Cluster mode needs Fleet:Storage:Provider=postgres and its connection string.");
        // Idempotent; lets a gateway start before the first silo has created the membership tables.
        SchemaMigrator.MigrateAsync(storage).GetAwaiter().GetResult();

        builder.Services.AddSingleton(options);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = gateway.GrainCallTimeout);
            client.AddOutgoingGrainCallFilter<RequestDeadlineFilter>();
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = AdoNetInvariants.Postgres;
                o.ConnectionString = storage.ConnectionString;
            });
            client.Services.AddSerializer(s => s.AddFleetLibraries());
            client.AddDashboard();
            var tls = ClusterTls.Read(builder.Configuration);
            if (tls.Enabled)
                client.UseTls(o => ClusterTls.Configure(o, tls));
        });
    }
}
