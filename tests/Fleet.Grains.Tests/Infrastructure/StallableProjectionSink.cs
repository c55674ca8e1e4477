using System.Collections.Concurrent;
using Fleet.Grains.Devices;

namespace Fleet.Grains.Tests.Infrastructure;

/// <summary>
/// Records the device grains' graph projections; for a device told to <see cref="Stall"/>, a projection never completes,
/// as when the graph partition it goes to lives on a silo that died and the cluster has not noticed yet.
/// </summary>
public sealed class StallableProjectionSink : IDeviceProjectionSink
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _stalled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DeviceProjection> _last = new(StringComparer.Ordinal);

    public void Stall(string deviceId) => _stalled[deviceId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string deviceId)
    {
        if (_stalled.TryRemove(deviceId, out var stalled))
            stalled.TrySetResult();
    }

    /// <summary>The last projection of the device that completed.</summary>
    public DeviceProjection? Last(string deviceId) => _last.TryGetValue(deviceId, out var projection) ? projection : null;

    public ValueTask OnDeviceProjectedAsync(DeviceProjection projection)
    {
        if (_stalled.TryGetValue(projection.DeviceId, out var stalled))
            return new ValueTask(stalled.Task);
        _last[projection.DeviceId] = projection;
        return ValueTask.CompletedTask;
    }

    public ValueTask OnDeviceRemovedAsync(string accountId, string deviceId, DateTimeOffset at)
    {
        _last.TryRemove(deviceId, out _);
        return ValueTask.CompletedTask;
    }
}
