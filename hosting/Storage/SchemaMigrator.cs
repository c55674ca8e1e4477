using System.Data.Common;
using Fleet.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Fleet.Hosting.Storage;

/// <summary>
/// Applies the project's own SQL schema (Orleans ADO.NET tables and queries, Fleet's tables) at start-up.
/// The scripts are idempotent, so this runs on every start of every silo; no manual database step exists.
/// </summary>
public static class SchemaMigrator
{
    // Any constant works; it only has to be the same for every silo of a deployment.
    private const long PostgresMigrationLockId = 0x466C656574;

    public static async Task MigrateAsync(FleetStorageOptions storage, CancellationToken cancellationToken = default)
    {
        if (storage.Provider == FleetStorageOptions.Postgres)
        {
            await using var connection = new NpgsqlConnection(storage.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, $"SELECT pg_advisory_lock({PostgresMigrationLockId})", cancellationToken);
            try
            {
                foreach (var script in ScriptsFor("postgres"))
                    await ExecuteAsync(connection, script, cancellationToken);
            }
            finally
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({PostgresMigrationLockId})", CancellationToken.None);
            }
        }
        else
        {
            await using var connection = new SqliteConnection(storage.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            // WAL lets readers proceed while a grain writes; the file is only ever used by this one process.
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
            foreach (var script in ScriptsFor("sqlite"))
                await ExecuteAsync(connection, script, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The embedded scripts of one provider, in name order (<c>sqlite-orleans.sql</c>, <c>sqlite-fleet.sql</c>, …).</summary>
    private static IEnumerable<string> ScriptsFor(string provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"schema/{provider}-";
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return reader.ReadToEnd();
        }
    }
}
