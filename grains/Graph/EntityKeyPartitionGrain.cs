using Fleet.Contracts.Graph;
using Fleet.Grains.Graph.Storage;
using Orleans.Concurrency;

namespace Fleet.Grains.Graph;

/// <summary>
/// One slice of an account's key map, in memory; a key's row is written when it is created, changes owner or is
/// removed — before the call returns, because an id handed out must survive a crash (entities refer to it). A key's
/// entry is held as its id and ownership only: the class is the id's prefix (<see cref="GraphPartitioning.NewEntityId"/>),
/// and an entry object per key would cost 48 bytes more per entity.
/// <para>
/// Reentrant, with one save at a time: the changes of calls that arrive while a save runs wait in <see cref="queued"/>
/// and are stored together by the next one. Waiting for each call's own save made every enrolment queue behind the
/// partition's earlier ones, one commit each (docs/graph.md, "Key partitions"). A key is visible to
/// <see cref="Lookup"/> only once stored; a claim of a key whose creation is still being stored gets the same entry and
/// returns when it is stored.
/// </para>
/// </summary>
[Reentrant]
public sealed class EntityKeyPartitionGrain(IGraphStore store) : Grain, IEntityKeyPartitionGrain
{
    private readonly Dictionary<string, HeldKey> entries = new(StringComparer.Ordinal);
    private string accountId = "";
    private int partition;

    /// <summary>Changes waiting for the next save: a key's new entry, or null for its removal. The latest change wins.</summary>
    private Dictionary<string, GraphKeyEntry?> queued = new(StringComparer.Ordinal);
    private TaskCompletionSource? queuedStored;
    private Dictionary<string, GraphKeyEntry?> saving = new(StringComparer.Ordinal);
    private Task savingStored = Task.CompletedTask;
    private bool saveRunning;

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
            if (Stored(key) is { } entry)
            {
                found.Add(entry);
            }
        }
        return Task.FromResult(found.ToArray());
    }

    public Task<int> Count() => Task.FromResult(entries.Count);

    public async Task<GraphKeyEntry[]> Assign(GraphKeyClaim[] claims)
    {
        var result = new GraphKeyEntry[claims.Length];
        var waitForQueued = false;
        var waitForSaving = false;
        for (var i = 0; i < claims.Length; i++)
        {
            var claim = claims[i];
            var (entry, pending) = Current(claim.Key);
            if (entry is null)
            {
                entry = new GraphKeyEntry(claim.Key, GraphPartitioning.NewEntityId(claim.Class), claim.Class, claim.SystemOwned);
                queued[claim.Key] = entry;
                pending = Pending.Queued;
            }
            else if (claim.SystemOwned && !entry.SystemOwned && entry.Class == claim.Class)
            {
                entry = entry with { SystemOwned = true };
                queued[claim.Key] = entry;
                pending = Pending.Queued;
            }
            result[i] = entry;
            waitForQueued |= pending == Pending.Queued;
            waitForSaving |= pending == Pending.Saving;
        }
        // Stored before it is returned: an id is never handed out twice, even across a crash.
        await StoredAsync(waitForQueued, waitForSaving);
        return result;
    }

    public async Task Remove(string[] keys)
    {
        var waitForQueued = false;
        var waitForSaving = false;
        foreach (var key in keys)
        {
            var (entry, pending) = Current(key);
            if (entry is not null)
            {
                queued[key] = null;
                pending = Pending.Queued;
            }
            waitForQueued |= pending == Pending.Queued;
            waitForSaving |= pending == Pending.Saving;
        }
        await StoredAsync(waitForQueued, waitForSaving);
    }

    /// <summary>Returns once the changes a call made or depends on are stored. Saves run in order, so the queued changes'
    /// save also covers the one running now.</summary>
    private Task StoredAsync(bool waitForQueued, bool waitForSaving) =>
        waitForQueued ? SaveQueuedAsync() : waitForSaving ? savingStored : Task.CompletedTask;

    /// <summary>The key's latest entry (null: absent or being removed), and whether its change waits for or is in a save.</summary>
    private (GraphKeyEntry? Entry, Pending Pending) Current(string key) =>
        queued.TryGetValue(key, out var change) ? (change, Pending.Queued)
        : saving.TryGetValue(key, out change) ? (change, Pending.Saving)
        : (Stored(key), Pending.None);

    private Task SaveQueuedAsync()
    {
        queuedStored ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stored = queuedStored.Task;
        if (!saveRunning)
        {
            saveRunning = true;
            _ = SaveLoopAsync();
        }
        return stored;
    }

    /// <summary>Saves what is queued, one save at a time, until nothing is; each save completes its waiting callers.</summary>
    private async Task SaveLoopAsync()
    {
        try
        {
            while (queued.Count > 0)
            {
                var done = queuedStored!;
                queuedStored = null;
                savingStored = done.Task;
                (saving, queued) = (queued, saving);
                try
                {
                    await store.SaveKeysAsync(accountId, partition,
                        [.. saving.Values.OfType<GraphKeyEntry>()], [.. saving.Where(change => change.Value is null).Select(change => change.Key)],
                        CancellationToken.None);
                    foreach (var (key, entry) in saving)
                    {
                        if (entry is null)
                        {
                            entries.Remove(key);
                        }
                        else
                        {
                            entries[key] = new HeldKey(entry.Id, entry.SystemOwned);
                        }
                    }
                    done.SetResult();
                }
                catch (Exception ex)
                {
                    // Nothing of the batch becomes visible; its callers fail and may retry (a retried claim gets a new id).
                    done.SetException(ex);
                }
                saving.Clear();
            }
        }
        finally
        {
            saveRunning = false;
        }
    }

    private GraphKeyEntry? Stored(string key) =>
        entries.TryGetValue(key, out var held) ? new GraphKeyEntry(key, held.Id, GraphPartitioning.ClassOfEntityId(held.Id)!, held.SystemOwned) : null;

    private enum Pending { None, Queued, Saving }

    private readonly record struct HeldKey(string Id, bool SystemOwned);
}
