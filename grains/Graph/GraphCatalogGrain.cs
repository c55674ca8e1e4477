using Fleet.Contracts.Graph;
using Fleet.Grains.Graph.Storage;

namespace Fleet.Grains.Graph;

/// <summary>
/// The classes of one account's graph and its partition counts. One row in <c>fleet_graph_catalog</c>, written only
/// when a class or type appears for the first time (never on a query or an ordinary update).
/// </summary>
public sealed class GraphCatalogGrain(IGraphStore store, GraphOptions options) : Grain, IGraphCatalogGrain
{
    private GraphCatalog catalog = null!;
    private bool stored;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var loaded = await store.LoadCatalogAsync(this.GetPrimaryKeyString(), cancellationToken);
        stored = loaded is not null;
        catalog = loaded ?? new GraphCatalog(Math.Max(1, options.KeyPartitions), Math.Max(1, options.EdgePartitions), []);
    }

    public Task<GraphCatalog> Get() => Task.FromResult(catalog);

    public async Task<GraphCatalog> Register(GraphClassType[] seen)
    {
        var classes = catalog.Classes.ToList();
        var changed = !stored;
        foreach (var (@class, type) in seen.Distinct())
        {
            var index = classes.FindIndex(c => c.Class == @class);
            if (index < 0)
            {
                classes.Add(new GraphClassInfo(@class, options.PartitionsFor(@class), [type]));
                changed = true;
            }
            else if (!classes[index].Types.Contains(type))
            {
                classes[index] = classes[index] with { Types = [.. classes[index].Types, type] };
                changed = true;
            }
        }
        if (changed)
        {
            var updated = catalog with { Classes = classes };
            await store.SaveCatalogAsync(this.GetPrimaryKeyString(), updated, CancellationToken.None);
            catalog = updated;
            stored = true;
        }
        return catalog;
    }
}
