using System.Threading.Channels;
using Fleet.Hosting.Storage;

namespace Fleet.Grains.Storage;

/// <summary>
/// The silo's one writer to Fleet's database (grain state, history, activity). Writes queued while a commit is in
/// progress are committed together in the next transaction (group commit): on SQLite a commit is an fsync that costs
/// far more than its rows, so 200 devices changing at once cost one commit instead of 200, and no grain turn waits
/// on another grain's fsync or holds a thread on I/O. A caller's task completes when its write is durable.
/// If one write of a batch is refused for what it contains (<see cref="StorageErrors.IsPermanent"/>), that write fails alone
/// and the rest of the batch is committed together again; if a batch fails otherwise, its writes are retried one
/// transaction each, so a bad write fails alone and the others land. A single write is retried once too when it failed on
/// a connection kept from an earlier batch, which the server may have closed while it was idle.
/// SQLite has one write lock, so one loop commits; PostgreSQL commits concurrent transactions in parallel, so a few loops
/// share the queue there (a caller's next write is queued only after its previous one committed, so order per caller holds).
/// Each loop keeps its connection open with the statements it has compiled (<see cref="WriterConnection"/>).
/// </summary>
public sealed partial class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>Writes per transaction at most: bounds a transaction's size and the latency of the first write in it.</summary>
    public const int MaxBatch = 256;

    /// <summary>Concurrent commit loops on PostgreSQL (one connection each).</summary>
    public const int PostgresLoops = 4;

    /// <summary>
    /// WAL pages (4 KB) a SQLite commit leaves before it copies them into the database file; SQLite's default is 1,000.
    /// Rarer checkpoints copy a page that was rewritten many times (index and interior pages) once: batched enrolment
    /// 1.22× in five alternated runs each (docs/benchmarks.md, "Profile and changes, 2026-12-07"). Durability is the
    /// same: a commit is in the WAL, synced, before it returns. The cost is a WAL file of up to ~64 MB and a longer pause
    /// for the commit that checkpoints.
    /// </summary>
    public const int SqliteWalAutoCheckpointPages = 16_384;

    private readonly FleetDatabase _database;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions());
    private readonly Task[] _loops;

    public GroupCommitWriter(FleetDatabase database, ILogger<GroupCommitWriter> logger)
    {
        _database = database;
        _logger = logger;
        // Their own thread-pool tasks: Microsoft.Data.Sqlite's I/O is synchronous and must not run on a grain's turn.
        _loops = [.. Enumerable.Range(0, database.IsSqlite ? 1 : PostgresLoops).Select(_ => Task.Run(WriteLoopAsync))];
    }

    /// <summary>
    /// Runs <paramref name="write"/> inside the next batch's transaction and completes once that transaction committed.
    /// The delegate may run twice (its batch failed, then alone), so it must only issue statements — no side effects.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<BatchTransaction, Task<T>> write)
    {
        var pending = new PendingWrite<T>(write);
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException("Fleet's database writer is shutting down.");
        return pending.Completion;
    }

    private async Task WriteLoopAsync()
    {
        await using var connection = new WriterConnection(_database);
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write)) batch.Add(write);
            if (batch.Count == 0) continue;   // another loop took them
            await CommitBatchAsync(connection, batch);
        }
    }

    private async Task CommitBatchAsync(WriterConnection connection, List<PendingWrite> batch)
    {
        while (batch.Count > 0)
        {
            try
            {
                await CommitAsync(connection, batch);
                foreach (var write in batch) write.Complete();
                return;
            }
            catch (WriteRefusedException refused)
            {
                // Only this write is bad: it fails, the others go on together (group commit survives a poison write).
                LogWriteRefused(_logger, refused.InnerException!, batch.Count - 1);
                refused.Write.Fail(refused.InnerException!);
                batch.Remove(refused.Write);
            }
            catch (Exception ex) when (batch.Count > 1 || connection.BeganOnKeptConnection)
            {
                LogBatchFailed(_logger, ex, batch.Count);
                foreach (var write in batch) await CommitAloneAsync(connection, write);
                return;
            }
            catch (Exception ex)
            {
                batch[0].Fail(ex);
                return;
            }
        }
    }

    private static async Task CommitAloneAsync(WriterConnection connection, PendingWrite write)
    {
        try
        {
            await CommitAsync(connection, [write]);
            write.Complete();
        }
        catch (WriteRefusedException refused)
        {
            write.Fail(refused.InnerException!);
        }
        catch (Exception ex)
        {
            write.Fail(ex);
        }
    }

    private static async Task CommitAsync(WriterConnection connection, IReadOnlyList<PendingWrite> writes)
    {
        try
        {
            var transaction = await connection.BeginAsync();
            try
            {
                foreach (var write in writes) await ApplyAsync(write, transaction);
                await transaction.CommitAsync();
            }
            finally
            {
                await transaction.EndAsync();
            }
        }
        catch
        {
            // A refusal too: no kept command is run again in whatever state the failure left it.
            await connection.DropAsync();
            throw;
        }
    }

    private static async Task ApplyAsync(PendingWrite write, BatchTransaction transaction)
    {
        try
        {
            await write.ApplyAsync(transaction);
        }
        catch (Exception ex) when (StorageErrors.IsPermanent(ex))
        {
            throw new WriteRefusedException(write, ex);
        }
    }

    /// <summary>The database refused this write's statements for what they contain.</summary>
    private sealed class WriteRefusedException(PendingWrite write, Exception inner) : Exception(inner.Message, inner)
    {
        public PendingWrite Write { get; } = write;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private abstract class PendingWrite
    {
        public abstract Task ApplyAsync(BatchTransaction transaction);
        public abstract void Complete();
        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<BatchTransaction, Task<T>> write) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Completion => _done.Task;

        public override async Task ApplyAsync(BatchTransaction transaction) => _result = await write(transaction);

        public override void Complete() => _done.TrySetResult(_result!);

        public override void Fail(Exception exception) => _done.TrySetException(exception);
    }

    [LoggerMessage(EventId = 4902, Level = LogLevel.Warning, Message = "The database refused one write of a batch; the other {Count} are committed without it")]
    private static partial void LogWriteRefused(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 4901, Level = LogLevel.Warning, Message = "A batch of {Count} database writes failed; retrying each in its own transaction")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
