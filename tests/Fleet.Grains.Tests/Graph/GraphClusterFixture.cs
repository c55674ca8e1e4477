using Fleet.Contracts;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Graph;
using Fleet.Grains.Graph;
using Fleet.Grains.Graph.Storage;
using Fleet.Grains.Hosting;
using Fleet.Hosting;
using Fleet.Query.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Fleet.Grains.Tests.Graph;

/// <summary>
/// An in-process silo with the graph grains over an <see cref="InMemoryGraphStore"/> that outlives the silo, so a test
/// can throw the whole cluster away ("crash") and start a new one on the same stored rows.
/// Class "Widget" has one partition, so batching is easy to count.
/// </summary>
public sealed class GraphClusterFixture : IAsyncLifetime
{
    public InMemoryGraphStore Store { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    public static GraphOptions Options { get; } = new() { ClassPartitions = new() { ["Widget"] = 1 }, FlushInterval = TimeSpan.FromMilliseconds(100) };

    public async Task InitializeAsync() => Cluster = await StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Stops the silo and starts a fresh one on the same store: nothing in memory survives.</summary>
    public async Task RestartAsync()
    {
        await Cluster.DisposeAsync();
        Cluster = await StartAsync();
    }

    private async Task<InProcessTestCluster> StartAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(FleetSiloExtensions.GrainStorage);
            silo.Services.AddSerializer(s => s.AddFleetLibraries());
            silo.Services.AddFleetGraph(Store, Options, new QueryOptions());
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(s => s.AddFleetLibraries()));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public IGraphWriterGrain Writer => Client.GetGrain<IGraphWriterGrain>(0);

    /// <summary>The result JSON of a query through <see cref="IQueryGrain"/>; a syntax error or failure fails the test.</summary>
    public async Task<string> QueryAsync(string accountId, string query)
    {
        var answer = await Client.GetGrain<IQueryGrain>(0).Run(accountId, query);
        return Assert.IsType<QueryAnswer.Succeeded>(answer).Json;
    }

    public static string NewAccount() => AccountIds.New();

    public static GraphEntityInput Entity(string key, string @class, string type, string name, params (string Name, PropertyValue Value)[] properties) =>
        new(key, @class, type, name, properties.ToDictionary(p => p.Name, p => p.Value));

    public static GraphRelationshipInput Edge(string from, string verb, string to) => new(verb, from, to, new Dictionary<string, PropertyValue>());

    public static GraphWriteRequest Write(IEnumerable<GraphEntityInput>? entities = null, IEnumerable<GraphRelationshipInput>? relationships = null,
        IEnumerable<string>? deleteEntities = null, IEnumerable<GraphRelationshipRef>? deleteRelationships = null) =>
        new([.. entities ?? []], [.. relationships ?? []], [.. deleteEntities ?? []], [.. deleteRelationships ?? []]);
}
