using Fleet.Contracts.Graph;

namespace Fleet.Grains.Graph;

/// <summary>
/// The graph grains one writer activation calls, kept once made. Orleans' <c>GetGrain</c> resolves the interface type
/// by reflection and builds a new proxy on every call: a tenth of the CPU of a policy re-evaluation's fan-out, where
/// every device's projection calls the same few partitions of its account (docs/benchmarks.md, "Profile and
/// changes, 2026-12-07"). A reference is only an address, valid wherever the grain lives, so keeping it changes
/// nothing else. Not thread-safe: one per grain activation, whose turns never run in parallel. Bounded, so writers that
/// serve many accounts start over rather than grow.
/// </summary>
internal sealed class GraphGrainReferences(IGrainFactory grains)
{
    private const int MaxReferences = 4_096;

    private readonly Dictionary<(Type Interface, string Key), IAddressable> references = [];

    public IGraphCatalogGrain Catalog(string accountId) => Get<IGraphCatalogGrain>(accountId);

    public IEntityKeyPartitionGrain Keys(string accountId, int partition) =>
        Get<IEntityKeyPartitionGrain>(GraphPartitioning.KeyPartitionKey(accountId, partition));

    public IEdgePartitionGrain Edges(string accountId, int partition) =>
        Get<IEdgePartitionGrain>(GraphPartitioning.EdgePartitionKey(accountId, partition));

    public IEntityPartitionGrain Entities(string partitionKey) => Get<IEntityPartitionGrain>(partitionKey);

    private T Get<T>(string key) where T : IGrainWithStringKey
    {
        if (references.TryGetValue((typeof(T), key), out var known))
        {
            return (T)known;
        }
        if (references.Count >= MaxReferences)
        {
            references.Clear();
        }
        var made = grains.GetGrain<T>(key);
        references[(typeof(T), key)] = made;
        return made;
    }
}
