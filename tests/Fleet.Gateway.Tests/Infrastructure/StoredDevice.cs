using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Fleet.Gateway.Tests.Infrastructure;

/// <summary>
/// A device's stored grain state, read straight from an embedded gateway's SQLite file (read-only, beside the running
/// gateway): what is durable, not what a grain holds in memory. Embedded mode opens no Orleans client port to ask instead.
/// </summary>
public static class StoredDevice
{
    /// <summary>The sequence of the last report the stored state has applied.</summary>
    public static async Task<long> LastSequenceAsync(string dataDirectory, string deviceId) =>
        (await ReadAsync(dataDirectory, deviceId)).EnumerateObject()
            .Single(p => p.Name.Equals("LastSequence", StringComparison.OrdinalIgnoreCase)).Value.GetInt64();

    public static async Task<JsonElement> ReadAsync(string dataDirectory, string deviceId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "fleet.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM fleet_grain_state WHERE state_name = 'device' AND grain_id LIKE '%/' || @id";
        command.Parameters.AddWithValue("id", deviceId);
        var payload = await command.ExecuteScalarAsync() as byte[]
            ?? throw new InvalidOperationException($"No stored state for device {deviceId}.");
        return JsonDocument.Parse(payload).RootElement.Clone();
    }
}
