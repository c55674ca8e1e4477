using Microsoft.Data.Sqlite;

namespace Fleet.Bench.Shared;

/// <summary>
/// Counts what an embedded gateway has written to its SQLite file: grain state writes (the sum of every row's
/// version, which each write increments) and compliance history rows. Read-only; the gateway keeps writing meanwhile.
/// </summary>
public static class StorageProbe
{
    public sealed record Writes(long GrainStateWrites, long HistoryRows)
    {
        public static Writes operator -(Writes a, Writes b) => new(a.GrainStateWrites - b.GrainStateWrites, a.HistoryRows - b.HistoryRows);
    }

    public static async Task<Writes> ReadAsync(string dataDirectory)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "fleet.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT coalesce(sum(version), 0) FROM fleet_grain_state), (SELECT count(*) FROM fleet_check_history)";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Writes(reader.GetInt64(0), reader.GetInt64(1));
    }
}
