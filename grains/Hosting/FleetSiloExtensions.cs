using System.Net;
using Fleet.Contracts;
using Fleet.Grains.Alerts;
using Fleet.Grains.Graph;
using Fleet.Grains.Push;
using Fleet.Grains.Scim;
using Fleet.Grains.StandingQueries;
using Fleet.Grains.Storage;
using Fleet.Hosting;
using Fleet.Hosting.Limits;
using Fleet.Hosting.Storage;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;

namespace Fleet.Grains.Hosting;

public static class FleetSiloExtensions
{
    /// <summary>The grain storage every Fleet grain uses.</summary>
    public const string GrainStorage = "fleet";

    /// <summary>How often the Orleans dashboard reads the silo's counters and gauges, in milliseconds (docs/operations.md).</summary>
    public const int DashboardSampleInterval = 10_000;

    /// <summary>
    /// Makes this host a Fleet silo: SQLite + localhost clustering (embedded mode) or PostgreSQL
    /// clustering, storage and reminders (cluster mode), after applying the schema.
    /// </summary>
    public static IHostApplicationBuilder AddFleetSilo(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(FleetOptions.Section).Get<FleetOptions>() ?? new FleetOptions();
        var storage = StorageSelection.Resolve(options);

        // The schema must exist before the storage providers read their queries at silo start.
        SchemaMigrator.MigrateAsync(storage).GetAwaiter().GetResult();

        builder.Services.AddSingleton(options);
        builder.Services.AddFleetGraph(builder.Configuration);
        builder.Services.AddFleetPush(builder.Configuration);
        builder.Services.AddFleetStandingQueries(builder.Configuration);
        builder.Services.AddFleetAlerts(builder.Configuration);
        builder.Services.Configure<LimitsOptions>(builder.Configuration.GetSection(LimitsOptions.Section));
        builder.Services.AddFleetScim(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.Services.AddSerializer(s => s.AddFleetLibraries());
            silo.Services.AddFleetComplianceCore(storage);
#pragma warning disable ORLEANSEXP006 // System.Text.Json storage: readable rows, and the records of the plain libraries need no Orleans attributes.
            silo.UseSystemTextJsonGrainStorageSerializer();
#pragma warning restore ORLEANSEXP006

            if (storage.Provider == FleetStorageOptions.Postgres)
            {
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = AdoNetInvariants.Postgres;
                    o.ConnectionString = storage.ConnectionString;
                });
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = AdoNetInvariants.Postgres;
                    o.ConnectionString = storage.ConnectionString;
                });
                if (options.Kubernetes)
                {
                    // Pod IP, pod name and listening on every interface come from the pod (deploy/kubernetes/silo.yaml).
                    silo.Configure<EndpointOptions>(o =>
                    {
                        o.SiloPort = options.SiloPort;
                        o.GatewayPort = options.SiloGatewayPort;
                    });
                    silo.UseKubernetesHosting();
                }
                else
                {
                    ConfigureEndpoints(silo, options);
                }
                var tls = ClusterTls.Read(builder.Configuration);
                if (tls.Enabled)
                    silo.UseTls(o => ClusterTls.Configure(o, tls));
            }
            else
            {
                // Loopback only, and no Orleans client gateway (port 0): the co-hosted gateway calls grains in-process,
                // and an open client port would let any local user call any grain (IApiKeyGrain included) unauthenticated.
                silo.UseLocalhostClustering(options.SiloPort, gatewayPort: 0, serviceId: options.ServiceId, clusterId: options.ClusterId);
                silo.AddReminders().Services.AddSingleton<IReminderTable, FleetReminderTable>(); // durable in SQLite (fleet_reminders)
            }

            // The Orleans dashboard's data collection; the UI is mapped by the gateway at /dashboard. Each read of the
            // gauges walks every activation: once a second that was 7 % of a 40,000-device silo's CPU in a
            // re-evaluation (docs/benchmarks.md); every 10 s is enough to watch.
            silo.AddDashboard(dashboard => dashboard.CounterUpdateIntervalMs = DashboardSampleInterval);
            OrleansDashboardSampling.SetInterval(silo.Services, DashboardSampleInterval);

            AddGrainStorage(silo, storage);
        });
        return builder;
    }

    /// <summary>The grain storage Fleet:Storage:GrainStorage selects (docs/architecture.md, storage: why GroupCommit is the default).</summary>
    private static void AddGrainStorage(ISiloBuilder silo, FleetStorageOptions storage)
    {
        if (storage.GrainStorage == FleetStorageOptions.AdoNet)
        {
            // Orleans' own provider: one statement and commit per write, on the grain's turn (OrleansStorage table).
            silo.AddAdoNetGrainStorage(GrainStorage, o =>
            {
                o.Invariant = AdoNetInvariants.For(storage);
                o.ConnectionString = storage.ConnectionString;
            });
            return;
        }
        // Grain state in Fleet's own table, written with group commit (see FleetGrainStorage).
        silo.Services.AddKeyedSingleton<IGrainStorage>(GrainStorage, (services, _) => ActivatorUtilities.CreateInstance<FleetGrainStorage>(services));
    }

    /// <summary>Listen and advertised addresses from Fleet:ListenAddress / Fleet:AdvertisedAddress (loopback by default).</summary>
    private static void ConfigureEndpoints(ISiloBuilder silo, FleetOptions options)
    {
        var address = SiloListenAddress.Resolve(options);
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = address.Advertised;
            o.SiloPort = options.SiloPort;
            o.GatewayPort = options.SiloGatewayPort;
            o.SiloListeningEndpoint = new IPEndPoint(address.Listen ?? IPAddress.Any, options.SiloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(address.Listen ?? IPAddress.Any, options.SiloGatewayPort);
        });
    }
}
