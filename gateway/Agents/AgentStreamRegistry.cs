using System.Collections.Concurrent;
using Fleet.Hosting.Telemetry;

namespace Fleet.Gateway.Agents;

/// <summary>
/// The agent streams open on this gateway, by device and by account. One stream per device: a new stream of the
/// same device supersedes (ends) the old one, which is usually a half-open connection the agent already gave up on.
/// </summary>
public sealed class AgentStreamRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AgentStream> _byDevice = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, AgentStream>> _byAccount = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _stopping;

    /// <summary>Registers the stream; returns the stream it replaced, if any (the caller ends it).</summary>
    public AgentStream? Open(AgentStream stream)
    {
        lock (_gate)
        {
            if (!_byDevice.TryGetValue(stream.DeviceId, out var replaced))
                FleetTelemetry.ConnectedAgents.Add(1);
            _byDevice[stream.DeviceId] = stream;
            if (!_byAccount.TryGetValue(stream.AccountId, out var devices))
                _byAccount[stream.AccountId] = devices = new Dictionary<string, AgentStream>(StringComparer.Ordinal);
            devices[stream.DeviceId] = stream;
            if (_stopping)
                stream.StopForShutdown();
            return replaced;
        }
    }

    /// <summary>Removes the stream; true when it was still the device's current stream (so the device really went offline).</summary>
    public bool Close(AgentStream stream)
    {
        lock (_gate)
        {
            if (!_byDevice.TryGetValue(stream.DeviceId, out var current) || current != stream)
                return false;
            _byDevice.Remove(stream.DeviceId);
            FleetTelemetry.ConnectedAgents.Add(-1);
            if (_stopping && _byDevice.Count == 0)
                _drained.TrySetResult();
            if (_byAccount.TryGetValue(stream.AccountId, out var devices))
            {
                devices.Remove(stream.DeviceId);
                if (devices.Count == 0)
                    _byAccount.Remove(stream.AccountId);
            }
            return true;
        }
    }

    /// <summary>
    /// The gateway is shutting down: ends every open stream (and any opened from now on) so agents reconnect at once,
    /// instead of Kestrel waiting the whole shutdown timeout for streams that never end by themselves. Then waits (at most
    /// <paramref name="drainBound"/>) for their handlers to finish, so each stream's UNAVAILABLE leaves while its
    /// connection is still open: this runs at ApplicationStopping, before Kestrel starts closing connections.
    /// </summary>
    public void StopAll(TimeSpan drainBound)
    {
        AgentStream[] streams;
        lock (_gate)
        {
            _stopping = true;
            streams = [.. _byDevice.Values];
            if (streams.Length == 0)
                _drained.TrySetResult();
        }
        foreach (var stream in streams)
            stream.StopForShutdown();
        _drained.Task.Wait(drainBound);
    }

    public AgentStream? Find(string accountId, string deviceId)
    {
        lock (_gate)
            return _byDevice.TryGetValue(deviceId, out var stream) && stream.AccountId == accountId ? stream : null;
    }

    public IReadOnlyList<AgentStream> StreamsOf(string accountId)
    {
        lock (_gate)
            return _byAccount.TryGetValue(accountId, out var devices) ? [.. devices.Values] : [];
    }

    public IReadOnlyList<string> Accounts()
    {
        lock (_gate)
            return [.. _byAccount.Keys];
    }

    public int Count
    {
        get
        {
            lock (_gate)
                return _byDevice.Count;
        }
    }
}
