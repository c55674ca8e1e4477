using System.Collections.Concurrent;
using Orleans.Storage;

namespace Fleet.Grains.Tests.Infrastructure;

/// <summary>
/// Wraps the test cluster's grain storage and counts writes per state name and grain key, so tests can prove "no write";
/// it can also refuse a grain's next write, as a storage outage would.
/// </summary>
public sealed class CountingGrainStorage(IGrainStorage inner, StorageWriteCounter counter) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (counter.TakeFailure(stateName, grainId.Key.ToString()!))
            throw new InvalidOperationException($"storage refused the write of {stateName}/{grainId} (test fault)");
        await inner.WriteStateAsync(stateName, grainId, grainState);
        counter.Increment(stateName, grainId.Key.ToString()!);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}

public sealed class StorageWriteCounter
{
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _failNext = new(StringComparer.Ordinal);

    /// <summary>The next write of this grain's state fails (once), as during a storage outage.</summary>
    public void FailNextWrite(string stateName, string key) => _failNext[$"{stateName}/{key}"] = true;

    public bool TakeFailure(string stateName, string key) => _failNext.TryRemove($"{stateName}/{key}", out _);

    public void Increment(string stateName, string key) => _writes.AddOrUpdate($"{stateName}/{key}", 1, (_, n) => n + 1);

    /// <summary>Completed writes of one grain's state, e.g. <c>Writes("device", "dev_…")</c>.</summary>
    public int Writes(string stateName, string key) => _writes.TryGetValue($"{stateName}/{key}", out var n) ? n : 0;
}
