using Fleet.Contracts.Graph;
using Fleet.Grains.Graph.Storage;

namespace Fleet.Grains.Graph;

/// <summary>
/// One slice of an account's key map, in memory; a key's row is written when it is created, changes owner or is
/// removed — synchronously, because an id handed out must survive a crash (entities refer to it). A key's entry is held
/// as its id and ownership only: the class is the id's prefix (<see cref="GraphPartitioning.NewEntityId"/>), and an
/// entry object per key would cost 48 bytes more per entity.
/// </summary>
public sealed class EntityKeyPartitionGrain(IGraphStore store) : Grain, IEntityKeyPartitionGrain
{
    private readonly Dictionary<string, HeldKey> entries = new(StringComparer.Ordinal);
    private string accountId = "";
    private int partition;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        accountId = GraphPartitioning.SplitKey(key).AccountId;
        partition = GraphPartitioning.PartitionNumber(key);
        foreach (var entry in await store.LoadKeysAsync(accountId, partition, cancellationToken))
        {
            entries[entry.Key] = new HeldKey(entry.Id, entry.SystemOwned);
        }
    }

    public Task<GraphKeyEntry[]> Lookup(string[] keys)
    {
        var found = new List<GraphKeyEntry>(keys.Length);
        foreach (var key in keys)
        {
            if (Entry(key) is { } entry)
            {
                found.Add(entry);
            }
        }
        return Task.FromResult(found.ToArray());
    }

    public Task<int> Count() => Task.FromResult(entries.Count);

    public async Task<GraphKeyEntry[]> Assign(GraphKeyClaim[] claims)
    {
        var changed = new Dictionary<string, GraphKeyEntry>(StringComparer.Ordinal);
        var result = new GraphKeyEntry[claims.Length];
        for (var i = 0; i < claims.Length; i++)
        {
            var claim = claims[i];
            if (!changed.TryGetValue(claim.Key, out var entry) && (entry = Entry(claim.Key)) is null)
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
                entries[key] = new HeldKey(entry.Id, entry.SystemOwned);
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

    private GraphKeyEntry? Entry(string key) =>
        entries.TryGetValue(key, out var held) ? new GraphKeyEntry(key, held.Id, GraphPartitioning.ClassOfEntityId(held.Id)!, held.SystemOwned) : null;

    private readonly record struct HeldKey(string Id, bool SystemOwned);
}
