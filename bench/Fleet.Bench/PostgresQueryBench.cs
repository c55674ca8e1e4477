using Fleet.Gateway.Tests.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Fleet.Bench;

/// <summary>
/// The same data in a throwaway PostgreSQL: entities and relationships tables with indexes on class, on from/to (with the
/// verb), on the compliant property and on shortName; the questions as joins that return the same tree (vertices and
/// edges of the matched paths for the first 250 starting entities).
/// </summary>
public sealed class PostgresQueryBench : IAsyncDisposable
{
    private readonly PostgresServer server;
    private readonly NpgsqlDataSource source;

    private PostgresQueryBench(PostgresServer server, string connectionString)
    {
        this.server = server;
        source = NpgsqlDataSource.Create(connectionString);
    }

    public static async Task<PostgresQueryBench> StartAsync()
    {
        var server = await PostgresServer.StartAsync();
        return new PostgresQueryBench(server, await server.CreateDatabaseAsync());
    }

    public async Task<TimeSpan> LoadAsync(SeedData data)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await ExecuteAsync("""
            CREATE TABLE entities (id text PRIMARY KEY, class text NOT NULL, type text NOT NULL, display_name text NOT NULL, properties jsonb NOT NULL);
            CREATE TABLE relationships (id bigserial PRIMARY KEY, class text NOT NULL, from_id text NOT NULL, to_id text NOT NULL, properties jsonb NOT NULL);
            """);
        await using (var connection = await source.OpenConnectionAsync())
        {
            await using (var import = await connection.BeginBinaryImportAsync("COPY entities (id, class, type, display_name, properties) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var e in data.Entities)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(e.Key);
                    await import.WriteAsync(e.Class);
                    await import.WriteAsync(e.Type);
                    await import.WriteAsync(e.DisplayName);
                    await import.WriteAsync(SeedData.PropertiesJson(e.Properties), NpgsqlDbType.Jsonb);
                }
                await import.CompleteAsync();
            }
            await using (var import = await connection.BeginBinaryImportAsync("COPY relationships (class, from_id, to_id, properties) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var r in data.Relationships)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(r.Class);
                    await import.WriteAsync(r.From);
                    await import.WriteAsync(r.To);
                    await import.WriteAsync("{}", NpgsqlDbType.Jsonb);
                }
                await import.CompleteAsync();
            }
        }
        await ExecuteAsync("""
            CREATE INDEX ix_entities_class ON entities (class);
            CREATE INDEX ix_entities_compliant ON entities (class, (properties->>'compliant'));
            CREATE INDEX ix_entities_short_name ON entities (class, (properties->>'shortName'));
            CREATE INDEX ix_relationships_from ON relationships (from_id, class);
            CREATE INDEX ix_relationships_to ON relationships (to_id, class);
            CREATE INDEX ix_relationships_class ON relationships (class);
            """);
        await ExecuteAsync("VACUUM ANALYZE entities");
        await ExecuteAsync("VACUUM ANALYZE relationships");
        return watch.Elapsed;
    }

    /// <summary>Runs a question and reads every row (as a client would); answers the number of distinct vertices.</summary>
    public async Task<int> RunAsync(string sql)
    {
        await using var command = source.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var vertices = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetValue(i);
                if (reader.GetName(i).EndsWith("_id", StringComparison.Ordinal) && value is string id)
                {
                    vertices.Add(id);
                }
            }
        }
        return vertices.Count;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = source.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = source.CreateCommand(sql);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await source.DisposeAsync();
        await server.DisposeAsync();
    }
}
