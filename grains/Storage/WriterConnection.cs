using System.Data.Common;
using Fleet.Hosting.Storage;

namespace Fleet.Grains.Storage;

/// <summary>
/// One commit loop's connection, kept open between batches with the commands it has run, so a statement is compiled
/// once per connection rather than once per write: Microsoft.Data.Sqlite keeps a compiled statement only as long as its
/// command, and compiling was ~9 % of the writer's time (docs/benchmarks.md, "Issue #17 target 4"). A failed commit
/// drops the connection and its commands; the next batch opens a fresh one (a broken PostgreSQL connection heals,
/// and no statement is reused in whatever state the failure left it).
/// </summary>
internal sealed class WriterConnection(FleetDatabase database) : IAsyncDisposable
{
    /// <summary>
    /// Distinct SQL texts kept compiled at most. Fleet's stores write with a fixed set of about fifteen; a text beyond the
    /// bound (SQL built per write) gets a command of its own, disposed with its batch, so the cache cannot grow with the data.
    /// </summary>
    public const int MaxKeptCommands = 64;

    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private DbConnection? _connection;

    /// <summary>
    /// Whether the last batch began on a connection kept from an earlier one. The server may have closed such a connection
    /// while it sat idle (a PostgreSQL restart, an idle timeout), so its failure says nothing about the batch's writes.
    /// </summary>
    public bool BeganOnKeptConnection { get; private set; }

    /// <summary>Begins the next batch's transaction, opening the connection first if the last commit dropped it.</summary>
    public async Task<BatchTransaction> BeginAsync()
    {
        BeganOnKeptConnection = _connection is not null;
        if (_connection is null)
        {
            var connection = await database.OpenAsync();
            if (database.IsSqlite) await SetAutoCheckpointAsync(connection);
            _connection = connection;
        }
        return new BatchTransaction(this, await _connection.BeginTransactionAsync());
    }

    /// <summary>
    /// The command for <paramref name="sql"/>: the one kept from an earlier batch, or a new one, kept while there is room.
    /// <paramref name="kept"/> is false for a command the caller must dispose.
    /// </summary>
    public DbCommand Command(string sql, out bool kept)
    {
        kept = true;
        if (_commands.TryGetValue(sql, out var command)) return command;
        command = _connection!.CreateCommand();
        command.CommandText = sql;
        kept = _commands.Count < MaxKeptCommands;
        if (kept) _commands.Add(sql, command);
        return command;
    }

    /// <summary>Closes the connection and disposes its commands; the next batch opens a fresh connection.</summary>
    public async ValueTask DropAsync()
    {
        foreach (var command in _commands.Values) await command.DisposeAsync();
        _commands.Clear();
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }

    public ValueTask DisposeAsync() => DropAsync();

    private static async Task SetAutoCheckpointAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_autocheckpoint = {GroupCommitWriter.SqliteWalAutoCheckpointPages}";
        await command.ExecuteNonQueryAsync();
    }
}
