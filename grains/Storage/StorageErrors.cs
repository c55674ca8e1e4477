using Microsoft.Data.Sqlite;
using Npgsql;

namespace Fleet.Grains.Storage;

/// <summary>
/// Tells a write the database refuses for what it contains (it fails the same way every time: retrying it only fails
/// every batch it joins) from a failure of the database itself (connection lost, server restarting: retry later).
/// </summary>
public static class StorageErrors
{
    // SQLite primary result codes: https://sqlite.org/rescode.html
    private const int SqliteTooBig = 18;
    private const int SqliteConstraint = 19;
    private const int SqliteMismatch = 20;

    /// <summary>True when the write itself is refused: a constraint, a value the column or encoding cannot hold.</summary>
    public static bool IsPermanent(Exception exception) => exception switch
    {
        // Class 22: data exception (e.g. 22021, a NUL character in text); class 23: integrity constraint violation.
        PostgresException postgres => postgres.SqlState.StartsWith("22", StringComparison.Ordinal) || postgres.SqlState.StartsWith("23", StringComparison.Ordinal),
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteTooBig or SqliteConstraint or SqliteMismatch,
        _ => false,
    };
}
