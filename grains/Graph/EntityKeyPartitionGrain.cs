using Fleet.Contracts.Graph;
using Fleet.Grains.Graph.Storage;

namespace Fleet.Grains.Graph;

/// <summary>
/// One slice of an account's key map, in memory; a key's row is written when it is created, changes owner or is
/// removed — synchronously, because an id handed out must survive a crash (entities refer to it).
/// </summary>
public sealed class EntityKeyPartitionGrain(IGraphStore store) : Grain, IEntityKeyPartitionGrain
{
    private readonly Dictionary<string, GraphKeyEntry> entries = new(StringComparer.Ordinal);
    private string accountId = "";
    private int partition;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        accountId = GraphPartitioning.SplitKey(key).AccountId;
        partition = GraphPartitioning.PartitionNumber(key);
        foreach (var entry in await store.LoadKeysAsync(accountId, partition, cancellationToken))
        {
            entries[entry.Key] = entry;
        }
    }

    public Task<GraphKeyEntry[]> Lookup(string[] keys) =>
        Task.FromResult(keys.Select(k => entries.GetValueOrDefault(k)).OfType<GraphKeyEntry>().ToArray());

    public Task<int> Count() => Task.FromResult(entries.Count);

    public async Task<GraphKeyEntry[]> Assign(GraphKeyClaim[] claims)
    {
        var changed = new Dictionary<string, GraphKeyEntry>(StringComparer.Ordinal);
        var result = new GraphKeyEntry[claims.Length];
        for (var i = 0; i < claims.Length; i++)
        {
            var claim = claims[i];
            if (!changed.TryGetValue(claim.Key, out var entry) && !entries.TryGetValue(claim.Key, out entry))
            {
                entry = new GraphKeyEntry(claim.Key, GraphPartitioning.NewEntityId(claim.Class), claim.Class, claim.SystemOwned);
                changed[claim.Key] = entry;
            }
            else if (claim.SystemOwned && !entry.SystemOwned && entry.Class == claim.Class)
            {
                entry = entry with { SystemOwned = true };
                changed[claim.Key] = entry;
            }
            result[i] = entry;
        }
        if (changed.Count > 0)
        {
            // Stored before it is visible: an id is never handed out twice, even across a crash.
            await store.SaveKeysAsync(accountId, partition, changed.Values, [], CancellationToken.None);
            foreach (var (key, entry) in changed)
            {
                entries[key] = entry;
            }
        }
        return result;
    }

    public async Task Remove(string[] keys)
    {
        var removed = keys.Distinct(StringComparer.Ordinal).Where(entries.ContainsKey).ToList();
        if (removed.Count > 0)
        {
            await store.SaveKeysAsync(accountId, partition, [], removed, CancellationToken.None);
            removed.ForEach(k => entries.Remove(k));
        }
    }
}
