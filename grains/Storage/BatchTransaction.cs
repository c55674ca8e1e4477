using System.Data.Common;

namespace Fleet.Grains.Storage;

/// <summary>
/// The transaction a <see cref="GroupCommitWriter"/> batch runs its writes in. A write asks it for a command per SQL
/// text; the command was compiled by an earlier batch when it could be, and comes with the batch's transaction and no
/// parameters. Commands belong to the writer: a write must not dispose them, nor keep them past its delegate.
/// </summary>
public sealed class BatchTransaction
{
    private readonly WriterConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly List<DbCommand> _unkept = [];

    internal BatchTransaction(WriterConnection connection, DbTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>A command for <paramref name="sql"/> in this transaction, its parameters empty, ready to be bound and run.</summary>
    public DbCommand Command(string sql)
    {
        var command = _connection.Command(sql, out var kept);
        if (!kept) _unkept.Add(command);
        command.Transaction = _transaction;
        command.Parameters.Clear();
        return command;
    }

    internal Task CommitAsync() => _transaction.CommitAsync();

    /// <summary>Rolls back what was not committed. The writer's to call: a write must not end its batch.</summary>
    internal async ValueTask EndAsync()
    {
        foreach (var command in _unkept) await command.DisposeAsync();
        await _transaction.DisposeAsync();
    }
}
