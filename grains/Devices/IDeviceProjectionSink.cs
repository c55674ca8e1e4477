using Fleet.Compliance.Facts;

namespace Fleet.Grains.Devices;

/// <summary>
/// EXTENSION POINT for the graph index (docs/graph.md): a device grain hands the current snapshot of its
/// system entities (Device, HostAgent, the owning Person) here whenever any of them changed, and on activation
/// (so partitions rebuilt after a crash converge). The default <see cref="LoggingDeviceProjectionSink"/> only logs;
/// the query feature registers the partition writer. Same rules as <see cref="IDeviceChangeSink"/>.
/// </summary>
public interface IDeviceProjectionSink
{
    ValueTask OnDeviceProjectedAsync(DeviceProjection projection);

    /// <summary>The device was removed: its system entities leave the graph (and the queries over them).</summary>
    ValueTask OnDeviceRemovedAsync(string accountId, string deviceId, DateTimeOffset at);
}

/// <summary>
/// The system-owned properties of a device's entities. Device: <see cref="Facts"/> (hostname, platform, os…) and
/// <see cref="LastSeenOn"/>; HostAgent: agent version (in facts), <see cref="Online"/>, <see cref="Compliant"/>,
/// <see cref="Status"/>, <see cref="Failing"/>, <see cref="LastReportOn"/>; Person: <see cref="PersonId"/>, <see cref="PersonEmail"/>.
/// </summary>
/// <remarks>
/// <see cref="Scope"/> says what may have moved since this activation's last complete projection, so the sink may write
/// less than everything (<see cref="ProjectionScope"/>).
/// </remarks>
public sealed record DeviceProjection(
    string AccountId,
    string DeviceId,
    string? PersonId,
    string? PersonEmail,
    DeviceFacts Facts,
    string? Status,
    bool Compliant,
    IReadOnlyList<string> Failing,
    bool Online,
    DateTimeOffset? LastSeenOn,
    DateTimeOffset? LastReportOn)
{
    public ProjectionScope Scope { get; init; } = ProjectionScope.Complete;
}

/// <summary>The default projection sink: logs at Debug only.</summary>
public sealed partial class LoggingDeviceProjectionSink(ILogger<LoggingDeviceProjectionSink> logger) : IDeviceProjectionSink
{
    public ValueTask OnDeviceProjectedAsync(DeviceProjection projection)
    {
        LogProjection(logger, projection.DeviceId, projection.Status, projection.Online);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnDeviceRemovedAsync(string accountId, string deviceId, DateTimeOffset at)
    {
        LogRemoved(logger, deviceId);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 4203, Level = LogLevel.Debug, Message = "Device {DeviceId} removed")]
    private static partial void LogRemoved(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Debug, Message = "Device {DeviceId} projected: status {Status}, online {Online}")]
    private static partial void LogProjection(ILogger logger, string deviceId, string? status, bool online);
}
