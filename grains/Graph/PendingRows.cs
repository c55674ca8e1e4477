using Fleet.Grains.Storage;

namespace Fleet.Grains.Graph;

/// <summary>
/// The write-behind of a graph partition: changes not yet written (the latest version of each changed row, or its
/// deletion), and when to write them — after <see cref="GraphOptions.FlushInterval"/>, at once when
/// <see cref="GraphOptions.FlushBatchSize"/> rows are pending, or when the owner asks (<see cref="FlushAsync"/>: the
/// API's answer, deactivation). Many changes to one row between two flushes cost one row write; one flush is one call
/// to <c>save</c> (one transaction). A save that fails because the database is unavailable keeps its rows pending (a
/// newer change to the same row wins) and retries with a backoff that doubles up to <see cref="MaxRetryDelay"/>. A save
/// the database refuses for what a row contains (<see cref="StorageErrors.IsPermanent"/>) is split into one save
/// per row, once: the refused rows go to <c>quarantine</c> and are never retried, the others are written.
/// </summary>
internal sealed class PendingRows<TRow>(
    IGrainBase owner,
    GraphOptions options,
    Func<IReadOnlyCollection<TRow>, IReadOnlyCollection<string>, Task> save,
    Action<Exception, int> onSaveFailed,
    Func<string, TRow?, Exception, Task> quarantine)
    where TRow : class
{
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private Dictionary<string, TRow?> rows = new(StringComparer.Ordinal);
    private IGrainTimer? timer;
    private int failures;

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
            failures = 0;
        }
        catch (Exception exception) when (StorageErrors.IsPermanent(exception))
        {
            onSaveFailed(exception, taken.Count);
            await IsolateAsync(taken);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Keep the changes (unless a newer one to the same row arrived meanwhile) and try again later; the
            // in-memory partition stays correct meanwhile.
            Keep(taken);
            onSaveFailed(exception, taken.Count);
            RetryLater();
            throw;
        }
    }

    /// <summary>Saves each row of a refused batch on its own (concurrently, so they still share a commit): quarantines the bad ones.</summary>
    private async Task IsolateAsync(Dictionary<string, TRow?> taken)
    {
        var attempts = taken.Select(async pair =>
        {
            try
            {
                await save(pair.Value is { } row ? [row] : [], pair.Value is null ? [pair.Key] : []);
                return (pair, Error: (Exception?)null);
            }
            catch (Exception exception)
            {
                return (pair, Error: exception);
            }
        }).ToList();
        var retry = new Dictionary<string, TRow?>(StringComparer.Ordinal);
        foreach (var (pair, error) in await Task.WhenAll(attempts))
        {
            if (error is null)
                continue;
            if (StorageErrors.IsPermanent(error))
                await quarantine(pair.Key, pair.Value, error);
            else
                retry[pair.Key] = pair.Value;
        }
        if (retry.Count > 0)
        {
            Keep(retry);
            RetryLater();
        }
    }

    private void Keep(Dictionary<string, TRow?> taken)
    {
        foreach (var (id, row) in taken)
        {
            rows.TryAdd(id, row);
        }
    }

    private void RetryLater()
    {
        failures++;
        var delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, options.FlushInterval.Ticks * (1L << Math.Min(failures, 20))));
        timer?.Dispose();
        timer = owner.RegisterGrainTimer(OnTimerAsync, delay, Timeout.InfiniteTimeSpan);
    }

    private Task OnTimerAsync(CancellationToken ct) => FlushAsync();
}
