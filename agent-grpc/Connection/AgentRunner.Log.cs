using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Fleet.Agent.Connection;

public sealed partial class AgentRunner
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Connected to {Url}")]
    private static partial void LogConnected(ILogger logger, string url);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Stream to {Url} closed by the server")]
    private static partial void LogStreamClosed(ILogger logger, string url);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Connection to {Url} failed: {ErrorType}: {Error}")]
    private static partial void LogConnectionFailed(ILogger logger, string url, string errorType, string error);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "{Url} rejected the agent token ({Status}); enroll again with `fleet-agent enroll`")]
    private static partial void LogTokenRejected(ILogger logger, string url, StatusCode status);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Reconnecting in {Seconds:0.0} s")]
    private static partial void LogReconnecting(ILogger logger, double seconds);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Scanned; report {Sequence} queued")]
    private static partial void LogScanned(ILogger logger, long sequence);

    [LoggerMessage(EventId = 111, Level = LogLevel.Error, Message = "Scan failed: {Error}")]
    private static partial void LogScanFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "Report {Sequence} acknowledged: {Status}")]
    private static partial void LogAcknowledged(ILogger logger, long sequence, string status);

    [LoggerMessage(EventId = 113, Level = LogLevel.Information, Message = "Server asked for a scan: {Reason}")]
    private static partial void LogScanNow(ILogger logger, string reason);

    [LoggerMessage(EventId = 114, Level = LogLevel.Information, Message = "Policy version {Version} received, scan interval {Seconds} s")]
    private static partial void LogPolicy(ILogger logger, long version, int seconds);

    [LoggerMessage(EventId = 115, Level = LogLevel.Warning, Message = "Server requires agent version {MinVersion} or later")]
    private static partial void LogUpgradeRequired(ILogger logger, string minVersion);
}
