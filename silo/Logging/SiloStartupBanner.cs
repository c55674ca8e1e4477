using System.Reflection;
using Fleet.Hosting;
using Fleet.Hosting.Logging;

namespace Fleet.Silo.Logging;

/// <summary>
/// The silo process's few default lines (docs/operations.md): cluster, database and ports on start, then ready.
/// Logged under <see cref="StartupLog.Category"/>, the one category appsettings.json leaves at Information.
/// </summary>
public sealed partial class SiloStartupBanner(
    FleetOptions fleet,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : IHostedLifecycleService
{
    private readonly ILogger _logger = loggers.CreateLogger(StartupLog.Category);
    private CancellationTokenRegistration _started;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var version = Assembly.GetEntryAssembly()?.GetName().Version?.ToString(3) ?? "?";
        LogStarting(_logger, version, fleet.ClusterId, fleet.SiloPort, fleet.SiloGatewayPort);
        LogDatabase(_logger, fleet.Storage.Provider == FleetStorageOptions.Postgres
            ? "PostgreSQL " + StartupLog.DescribeDatabase(fleet.Storage.ConnectionString)
            : fleet.ResolveDataDirectory());
        _started = lifetime.ApplicationStarted.Register(() =>
            LogReady(_logger, configuration.GetValue("Fleet:HealthPort", 8080)));
        return Task.CompletedTask;
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

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Fleet silo {Version} starting: cluster '{ClusterId}', silo port {SiloPort}, gateway port {GatewayPort}")]
    private static partial void LogStarting(ILogger logger, string version, string clusterId, int siloPort, int gatewayPort);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Data: {Database}")]
    private static partial void LogDatabase(ILogger logger, string database);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Ready: health on port {HealthPort} (/healthz, /readyz). Warnings and errors follow; start with --verbose for everything")]
    private static partial void LogReady(ILogger logger, int healthPort);
}
