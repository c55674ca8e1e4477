using System.Data.Common;
using System.Globalization;
using Fleet.Hosting.Storage;
using Orleans.Storage;

namespace Fleet.Grains.Storage;

/// <summary>
/// Grain state in Fleet's database (<c>fleet_grain_state</c>, SQLite or PostgreSQL), written through the silo's
/// <see cref="GroupCommitWriter"/>: a state write is durable when it returns, but many grains' writes share one commit.
/// The ETag is the row's version: a write must name the version it read, so a second activation of the same grain
/// (e.g. during a silo failure) loses with <see cref="InconsistentStateException"/> instead of overwriting.
/// Clearing keeps the row (payload NULL, version bumped) so a stale activation cannot write over a clear either.
/// </summary>
public sealed class FleetGrainStorage(FleetDatabase database, GroupCommitWriter writer, IGrainStorageSerializer serializer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        database.RunAsync(async () =>
        {
            await using var connection = await database.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT version, payload FROM fleet_grain_state WHERE grain_id = @grain AND state_name = @state";
            AddKey(command, stateName, grainId);
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                grainState.ETag = null;
                grainState.RecordExists = false;
                return true;
            }
            grainState.ETag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = !reader.IsDBNull(1);
            if (grainState.RecordExists) grainState.State = serializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(1)));
            return true;
        });

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Serialized now, on the grain's turn: the grain may change its state again as soon as this returns.
        var payload = serializer.Serialize(grainState.State).ToArray();
        var outbox = grainState.State as IStateOutbox;
        var rows = outbox?.PendingWrite();
        var version = await ChangeAsync(stateName, grainId, grainState.ETag, payload, rows);
        grainState.ETag = version;
        grainState.RecordExists = true;
        if (rows is not null) outbox!.Committed(rows);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is null)
        {
            grainState.RecordExists = false;
            return;
        }
        grainState.ETag = await ChangeAsync(stateName, grainId, grainState.ETag, payload: null, outbox: null);
        grainState.RecordExists = false;
    }

    /// <summary>
    /// Inserts (no ETag) or updates the row at the version named by <paramref name="etag"/>, with the state's outbox rows
    /// in the same transaction; returns the new ETag.
    /// </summary>
    private async Task<string> ChangeAsync(string stateName, GrainId grainId, string? etag, byte[]? payload, OutboxWrite? outbox)
    {
        var expected = etag is null ? (long?)null : long.Parse(etag, CultureInfo.InvariantCulture);
        var changed = await writer.WriteAsync(async transaction =>
        {
            var command = transaction.Command(expected is null
                ? """
                  INSERT INTO fleet_grain_state (grain_id, state_name, version, payload) VALUES (@grain, @state, 1, @payload)
                  ON CONFLICT (grain_id, state_name) DO NOTHING
                  """
                : """
                  UPDATE fleet_grain_state SET version = @expected + 1, payload = @payload
                  WHERE grain_id = @grain AND state_name = @state AND version = @expected
                  """);
            AddKey(command, stateName, grainId);
            FleetDatabase.Add(command, "payload", payload);
            if (expected is not null) FleetDatabase.Add(command, "expected", expected.Value);
            var changed = await command.ExecuteNonQueryAsync();
            // A lost version race rolls nothing back here: the rows stay out, as the state does (it is refused below).
            if (changed == 1 && outbox is not null) await outbox.Apply(transaction);
            return changed;
        });
        if (changed != 1)
        {
            throw new InconsistentStateException(
                $"The '{stateName}' state of {grainId} was changed by another activation since this one read it (version {etag ?? "none"}); the grain will re-read it.",
                "unknown", etag ?? "none");
        }
        return ((expected ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static void AddKey(DbCommand command, string stateName, GrainId grainId)
    {
        FleetDatabase.Add(command, "grain", grainId.ToString());
        FleetDatabase.Add(command, "state", stateName);
    }
}
