using System.Threading.Channels;
using Fleet.Contracts;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Graph;
using Fleet.Contracts.Push;
using Fleet.Grains.Alerts;
using Fleet.Grains.Graph;
using Fleet.Grains.Graph.Storage;
using Fleet.Grains.Hosting;
using Fleet.Grains.Push;
using Fleet.Grains.StandingQueries;
using Fleet.Hosting;
using Fleet.Query.Evaluation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Fleet.Grains.Tests.Push;

/// <summary>
/// One in-process silo with the graph store (in memory), the change feeds, standing queries and alert rules, on the
/// real clock (batching and debouncing are timers; the tests await what arrives, with a timeout, never a sleep).
/// Retries are fast so a retried webhook is seen in well under a second.
/// </summary>
public sealed class PushClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The silo's data folder: e-mail goes to its <c>outbox/</c> (no SMTP host is configured).</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "fleet-push-tests-" + Guid.NewGuid().ToString("N"));
    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fleet:Alerts:RetryBaseDelay"] = "00:00:00.050",
            ["Fleet:Alerts:MaxAttempts"] = "4",
            ["Fleet:Alerts:AllowPrivateWebhookDestinations"] = "true", // receivers listen on 127.0.0.1
            ["Fleet:DataDirectory"] = DataDirectory,
        }).Build();
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(FleetSiloExtensions.GrainStorage);
            // As in production (FleetSiloExtensions): states stored as System.Text.Json, so a state read back from storage
            // (a rule re-reading after a version conflict) deserializes as it would there.
#pragma warning disable ORLEANSEXP006
            silo.UseSystemTextJsonGrainStorageSerializer();
#pragma warning restore ORLEANSEXP006
            silo.UseInMemoryReminderService();
            silo.Services.AddSerializer(s => s.AddFleetLibraries());
            silo.Services.AddFleetGraph(new InMemoryGraphStore(), new GraphOptions(), new QueryOptions());
            silo.Services.AddFleetPush(configuration);
            silo.Services.AddFleetStandingQueries(configuration);
            silo.Services.AddFleetAlerts(configuration);
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(s => s.AddFleetLibraries()));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }

    public static string NewAccount() => AccountIds.New();

    /// <summary>Projects a device as the compliance core does: a Device, its HostAgent and the MONITORS edge.</summary>
    public async Task ProjectDeviceAsync(string accountId, string deviceId, bool compliant, string? ownerEmail = null)
    {
        var entities = new List<GraphEntityInput>
        {
            new(GraphKeys.Device(deviceId), "Device", "fleet_device", deviceId, new Dictionary<string, PropertyValue> { ["hostname"] = deviceId }),
            new(GraphKeys.HostAgent(deviceId), "HostAgent", "fleet_agent", deviceId, new Dictionary<string, PropertyValue>
            {
                ["compliant"] = compliant,
                ["status"] = compliant ? "PASS" : "FAIL",
                ["online"] = true,
            }),
        };
        var relationships = new List<GraphRelationshipInput>
        {
            new("MONITORS", GraphKeys.HostAgent(deviceId), GraphKeys.Device(deviceId), new Dictionary<string, PropertyValue>()),
        };
        if (ownerEmail is not null)
        {
            entities.Add(new(GraphKeys.Person(ownerEmail), "Person", "fleet_person", ownerEmail, new Dictionary<string, PropertyValue> { ["email"] = ownerEmail }));
            relationships.Add(new("OWNS", GraphKeys.Person(ownerEmail), GraphKeys.Device(deviceId), new Dictionary<string, PropertyValue>()));
        }
        await Client.GetGrain<IGraphWriterGrain>(0).Publish(accountId, new GraphWriteRequest(entities, relationships, [], []));
    }

    /// <summary>What the device grain does on a change: update the projection, then tell the account's change feed.</summary>
    public async Task FlipAsync(string accountId, string deviceId, bool compliant, string? ownerEmail = null)
    {
        await ProjectDeviceAsync(accountId, deviceId, compliant, ownerEmail);
        await Feed(accountId).Publish(new DeviceChangedEvent(accountId, deviceId, compliant ? "FAIL" : "PASS", compliant ? "PASS" : "FAIL",
            compliant, ["diskEncryption"], DateTimeOffset.UtcNow));
    }

    public IAccountChangeFeedGrain Feed(string accountId) => Client.GetGrain<IAccountChangeFeedGrain>(accountId);

    /// <summary>A client-side observer registered on the feed of <paramref name="accountId"/>.</summary>
    public async Task<RecordingObserver> ObserveAsync(string accountId, string gatewayId = "gw_test")
    {
        var observer = new RecordingObserver();
        observer.Reference = Client.CreateObjectReference<IFleetEventObserver>(observer);
        await Feed(accountId).Subscribe(gatewayId, observer.Reference);
        return observer;
    }
}

/// <summary>Collects every event delivered to it; tests await the next one matching a predicate.</summary>
public sealed class RecordingObserver : IFleetEventObserver
{
    private readonly Channel<FleetEvent> events = Channel.CreateUnbounded<FleetEvent>();

    public IFleetEventObserver Reference { get; set; } = null!;

    public Task OnEvents(string accountId, IReadOnlyList<FleetEvent> batch)
    {
        foreach (var e in batch)
            events.Writer.TryWrite(e);
        return Task.CompletedTask;
    }

    /// <summary>The next event of type <typeparamref name="T"/> matching <paramref name="match"/>, skipping others.</summary>
    public async Task<T> NextAsync<T>(Func<T, bool>? match = null) where T : FleetEvent
    {
        using var timeout = new CancellationTokenSource(PushClusterFixture.Patience);
        while (true)
        {
            var e = await events.Reader.ReadAsync(timeout.Token);
            if (e is T typed && (match is null || match(typed)))
                return typed;
        }
    }

    /// <summary>The next event of any kind.</summary>
    public async Task<FleetEvent> NextAsync()
    {
        using var timeout = new CancellationTokenSource(PushClusterFixture.Patience);
        return await events.Reader.ReadAsync(timeout.Token);
    }
}

[CollectionDefinition(Name)]
public sealed class PushClusterCollection : ICollectionFixture<PushClusterFixture>
{
    public const string Name = "push cluster";
}
