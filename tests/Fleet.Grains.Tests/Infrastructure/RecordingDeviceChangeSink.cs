using Fleet.Grains.Devices;

namespace Fleet.Grains.Tests.Infrastructure;

/// <summary>Records every device change and lets a test await the one it expects (with a timeout, never a sleep).</summary>
public sealed class RecordingDeviceChangeSink : IDeviceChangeSink
{
    private readonly object _gate = new();
    private readonly List<DeviceChange> _changes = [];
    private readonly List<(Func<DeviceChange, bool> Match, TaskCompletionSource<DeviceChange> Done)> _waiters = [];

    public ValueTask OnDeviceChangedAsync(DeviceChange change)
    {
        lock (_gate)
        {
            _changes.Add(change);
            foreach (var waiter in _waiters.Where(w => w.Match(change)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(change);
            }
        }
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<DeviceChange> For(string deviceId)
    {
        lock (_gate) return [.. _changes.Where(c => c.DeviceId == deviceId)];
    }

    /// <summary>The first change (already recorded or still to come) that matches.</summary>
    public Task<DeviceChange> WaitAsync(Func<DeviceChange, bool> match, TimeSpan? timeout = null)
    {
        Task<DeviceChange> task;
        lock (_gate)
        {
            if (_changes.FirstOrDefault(match) is { } seen) return Task.FromResult(seen);
            var done = new TaskCompletionSource<DeviceChange>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            task = done.Task;
        }
        return task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
    }
}
