using System.Data.Common;
using Fleet.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Fleet.Hosting.Storage;

/// <summary>
/// Connections to the database that holds Fleet's own tables (the same one as grain state). The SQL of
/// Fleet's stores is written once for both providers: @parameters, Unix-millisecond times, ON CONFLICT.
/// </summary>
public sealed class FleetDatabase(FleetStorageOptions storage)
{
    public bool IsSqlite => storage.Provider != FleetStorageOptions.Postgres;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = IsSqlite ? new SqliteConnection(storage.ConnectionString) : new NpgsqlConnection(storage.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Runs database work off the Orleans scheduler when the driver is synchronous (Microsoft.Data.Sqlite),
    /// so a grain awaiting it releases its scheduler thread instead of blocking it.
    /// </summary>
    public Task<T> RunAsync<T>(Func<Task<T>> work) => IsSqlite ? Task.Run(work) : work();

    /// <summary>Adds <c>@name</c> (Fleet's SQL names its parameters so on both databases) with its value, null as NULL.</summary>
    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        // With its prefix: Microsoft.Data.Sqlite otherwise tries "@", "$" and ":" in turn on every bind.
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public static long ToMs(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
