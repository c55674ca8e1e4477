namespace Fleet.Silo.Graph;

/// <summary>
/// Changes of a partition not yet written: the latest version of each changed row, or its deletion. Many changes to
/// one row between two flushes cost one row write.
/// </summary>
internal sealed class PendingRows<TRow> where TRow : class
{
    private Dictionary<string, TRow?> rows = new(StringComparer.Ordinal);

    public int Count => rows.Count;

    public void Upsert(string id, TRow row) => rows[id] = row;

    public void Delete(string id) => rows[id] = null;

    /// <summary>Takes every pending change (the caller writes them, and hands them back with <see cref="Restore"/> on failure).</summary>
    public (List<TRow> Upserts, List<string> Deletes, Dictionary<string, TRow?> Taken) Take()
    {
        var taken = rows;
        rows = new Dictionary<string, TRow?>(StringComparer.Ordinal);
        var upserts = taken.Values.OfType<TRow>().ToList();
        var deletes = taken.Where(r => r.Value is null).Select(r => r.Key).ToList();
        return (upserts, deletes, taken);
    }

    /// <summary>Puts back changes whose write failed, unless a newer change to the same row arrived meanwhile.</summary>
    public void Restore(Dictionary<string, TRow?> taken)
    {
        foreach (var (id, row) in taken)
        {
            rows.TryAdd(id, row);
        }
    }
}
