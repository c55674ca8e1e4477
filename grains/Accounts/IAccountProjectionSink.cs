namespace Fleet.Grains.Accounts;

/// <summary>
/// EXTENSION POINT for the graph index, like <see cref="Devices.IDeviceProjectionSink"/>: the account grain hands its
/// graph entity (docs/graph.md: <c>Account</c> with name, scan interval, policy version) here when it is created, when
/// one of those changes, and on activation (so a graph rebuilt after a crash converges). The default only logs; the
/// query feature registers the graph writer.
/// </summary>
public interface IAccountProjectionSink
{
    ValueTask OnAccountProjectedAsync(AccountProjection projection);
}

public sealed record AccountProjection(string AccountId, string Name, int ScanIntervalSeconds, long PolicyVersion);

/// <summary>The default projection sink: logs at Debug only.</summary>
public sealed partial class LoggingAccountProjectionSink(ILogger<LoggingAccountProjectionSink> logger) : IAccountProjectionSink
{
    public ValueTask OnAccountProjectedAsync(AccountProjection projection)
    {
        LogProjection(logger, projection.AccountId, projection.PolicyVersion);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 4203, Level = LogLevel.Debug, Message = "Account {AccountId} projected: policy version {PolicyVersion}")]
    private static partial void LogProjection(ILogger logger, string accountId, long policyVersion);
}
