using System.Reflection;
using Fleet.Gateway.Operations;
using Fleet.Gateway.Security;
using Fleet.Hosting;
using Fleet.Hosting.Logging;

namespace Fleet.Gateway.Hosting;

/// <summary>
/// The few lines a default console shows (docs/operations.md): what starts and where its data lives, and once it
/// listens, the dashboard and agent addresses. Logged under <see cref="StartupLog.Category"/>, the one category
/// appsettings.json leaves at Information, so they carry timestamps and follow the JSON format like any event.
/// </summary>
internal sealed partial class StartupBanner(
    GatewayOptions gateway,
    IConfiguration configuration,
    PublicUrls urls,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers,
    IServiceProvider services) : IHostedLifecycleService
{
    private readonly ILogger _logger = loggers.CreateLogger(StartupLog.Category);
    private CancellationTokenRegistration _started;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var fleet = configuration.GetSection(FleetOptions.Section).Get<FleetOptions>() ?? new FleetOptions();
        var version = Assembly.GetEntryAssembly()?.GetName().Version?.ToString(3) ?? "?";
        if (gateway.Mode == GatewayOptions.Embedded)
        {
            LogStartingEmbedded(_logger, version);
            LogData(_logger, fleet.ResolveDataDirectory());
        }
        else
        {
            LogStartingCluster(_logger, version, fleet.ClusterId);
            LogDatabase(_logger, StartupLog.DescribeDatabase(fleet.Storage.ConnectionString));
        }
        if (services.GetService<SavedOperatorKey>() is { } saved)
            LogOperatorKeySaved(_logger, saved.Path);
        _started = lifetime.ApplicationStarted.Register(Ready);
        return Task.CompletedTask;
    }

    private void Ready()
    {
        LogDashboard(_logger, urls.Web);
        LogAgents(_logger, urls.Agent);
        LogOperatorDashboard(_logger, new Uri(urls.Web, OperatorDashboardExtensions.Path.TrimStart('/')));
        LogReady(_logger, ConsoleLoggingExtensions.VerboseFlag);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _started.Dispose();
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Fleet gateway {Version} starting in embedded mode (a silo in this process, SQLite)")]
    private static partial void LogStartingEmbedded(ILogger logger, string version);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Fleet gateway {Version} starting in cluster mode (an Orleans client of cluster '{ClusterId}')")]
    private static partial void LogStartingCluster(ILogger logger, string version, string clusterId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Data: {DataDirectory}")]
    private static partial void LogData(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Data: PostgreSQL {Database}")]
    private static partial void LogDatabase(ILogger logger, string database);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Operator key: generated on this first start, saved in {Path} (readable by this user only)")]
    private static partial void LogOperatorKeySaved(ILogger logger, string path);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Dashboard: {Url}")]
    private static partial void LogDashboard(ILogger logger, Uri url);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Agents connect to: {Url}")]
    private static partial void LogAgents(ILogger logger, Uri url);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Orleans dashboard (operator key): {Url}")]
    private static partial void LogOperatorDashboard(ILogger logger, Uri url);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Ready. Warnings and errors follow; start with {VerboseFlag} for everything")]
    private static partial void LogReady(ILogger logger, string verboseFlag);
}
