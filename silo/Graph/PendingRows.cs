namespace Fleet.Silo.Graph;

/// <summary>
/// The write-behind of a graph partition: changes not yet written (the latest version of each changed row, or its
/// deletion), and when to write them — after <see cref="GraphOptions.FlushInterval"/>, at once when
/// <see cref="GraphOptions.FlushBatchSize"/> rows are pending, or when the owner asks (<see cref="FlushAsync"/>: the
/// API's answer, deactivation). Many changes to one row between two flushes cost one row write; one flush is one call
/// to <c>save</c> (one transaction). A failed save keeps its rows pending (a newer change to the same row wins) and
/// retries on the next timer.
/// </summary>
internal sealed class PendingRows<TRow>(
    IGrainBase owner,
    GraphOptions options,
    Func<IReadOnlyCollection<TRow>, IReadOnlyCollection<string>, Task> save,
    Action<Exception, int> onSaveFailed)
    where TRow : class
{
    private Dictionary<string, TRow?> rows = new(StringComparer.Ordinal);
    private IGrainTimer? timer;

    public int Count => rows.Count;

    public void Upsert(string id, TRow row) => rows[id] = row;

    public void Delete(string id) => rows[id] = null;

    /// <summary>Call after a batch of changes: writes now if the batch size is reached, otherwise makes sure a write is due.</summary>
    public Task ChangedAsync()
    {
        if (rows.Count >= options.FlushBatchSize)
        {
            return FlushAsync();
        }
        if (rows.Count > 0 && timer is null)
        {
            timer = owner.RegisterGrainTimer(OnTimerAsync, options.FlushInterval, Timeout.InfiniteTimeSpan);
        }
        return Task.CompletedTask;
    }

    /// <summary>Writes every pending change now (nothing to do when none is pending). Throws when the save fails.</summary>
    public async Task FlushAsync()
    {
        timer?.Dispose();
        timer = null;
        if (rows.Count == 0)
        {
            return;
        }
        var taken = rows;
        rows = new Dictionary<string, TRow?>(StringComparer.Ordinal);
        var upserts = taken.Values.OfType<TRow>().ToList();
        var deletes = taken.Where(r => r.Value is null).Select(r => r.Key).ToList();
        try
        {
            await save(upserts, deletes);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Keep the changes (unless a newer one to the same row arrived meanwhile) and try again later; the
            // in-memory partition stays correct meanwhile.
            foreach (var (id, row) in taken)
            {
                rows.TryAdd(id, row);
            }
            onSaveFailed(exception, taken.Count);
            timer ??= owner.RegisterGrainTimer(OnTimerAsync, options.FlushInterval, Timeout.InfiniteTimeSpan);
            throw;
        }
    }

    private Task OnTimerAsync(CancellationToken ct) => FlushAsync();
}
