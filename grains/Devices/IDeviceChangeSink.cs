using Fleet.Compliance.Evaluation;

namespace Fleet.Grains.Devices;

/// <summary>
/// EXTENSION POINT: the one place a device grain reports that something visible changed (overall status,
/// check results, connectivity). The live-push/alerts feature replaces the default
/// <see cref="LoggingDeviceChangeSink"/> with the account change feed (docs/push-and-alerts.md). Called on the device
/// grain's turn after the change is durable: implementations must return quickly and never call back into
/// the device grain.
/// </summary>
public interface IDeviceChangeSink
{
    ValueTask OnDeviceChangedAsync(DeviceChange change);
}

/// <summary>
/// What changed on one device. <see cref="ChangedCheckIds"/> lists checks whose result differs in any way;
/// <see cref="FailingCheckIds"/> the checks failing now (unwaived).
/// </summary>
public sealed record DeviceChange(
    string AccountId,
    string DeviceId,
    DeviceChangeKind Kind,
    ComplianceStatus? OldStatus,
    ComplianceStatus? NewStatus,
    bool Compliant,
    IReadOnlyList<string> ChangedCheckIds,
    bool Online,
    DateTimeOffset At)
{
    public IReadOnlyList<string> FailingCheckIds { get; init; } = [];
}

public enum DeviceChangeKind
{
    /// <summary>Status or check results changed (report, re-evaluation, enrolment).</summary>
    Compliance = 0,
    /// <summary>The agent went online or offline.</summary>
    Connectivity = 1,
    /// <summary>New facts that changed no result (a hostname, an OS build): graph consumers care, dashboards do not.</summary>
    Facts = 2,
}

/// <summary>The default sink: logs at Debug and does nothing else, until the push feature registers its own.</summary>
public sealed partial class LoggingDeviceChangeSink(ILogger<LoggingDeviceChangeSink> logger) : IDeviceChangeSink
{
    public ValueTask OnDeviceChangedAsync(DeviceChange change)
    {
        LogChange(logger, change.DeviceId, change.Kind, change.OldStatus, change.NewStatus, change.Online);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Device {DeviceId} changed ({Kind}): {OldStatus} -> {NewStatus}, online {Online}")]
    private static partial void LogChange(ILogger logger, string deviceId, DeviceChangeKind kind, ComplianceStatus? oldStatus, ComplianceStatus? newStatus, bool online);
}
