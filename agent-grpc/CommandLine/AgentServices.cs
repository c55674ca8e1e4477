using Fleet.Agent.Collectors;
using Fleet.Agent.Configuration;
using Fleet.Agent.Connection;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Wire = Fleet.Agent.V1;

namespace Fleet.Agent.CommandLine;

/// <summary>The composition root of one command: logging, the agent's folder, collectors, gRPC clients.</summary>
public sealed class AgentServices : IDisposable
{
    private readonly Dictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);

    private AgentServices(string configDirectory, bool explicitConfigDirectory, LogLevel level)
    {
        ConfigDirectory = configDirectory;
        ExplicitConfigDirectory = explicitConfigDirectory;
        Store = new AgentStore(configDirectory);
        Collector = FactCollector.ForCurrentUser(policyApplicationFolders: PolicyApplicationFolders);
        // Logs go to stderr so `status` and `scan` output on stdout stays clean for people and scripts.
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss ";
            })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
    }

    public string ConfigDirectory { get; }
    public bool ExplicitConfigDirectory { get; }
    public AgentStore Store { get; }
    public ILoggerFactory LoggerFactory { get; }
    public TimeProvider Time { get; } = TimeProvider.System;
    public FactCollector Collector { get; }
    /// <summary>How servers are trusted: set from the command line (enroll) or agent.json (run) before the first client.</summary>
    public ServerTrust Trust { get; set; } = ServerTrust.SystemRoots;
    public Collectors.Commands.ICommandRunner Commands { get; } = new Collectors.Commands.ProcessCommandRunner(TimeSpan.FromSeconds(30));

    /// <summary>The current policy's application folders; none when the stored policy cannot be read (the scan goes on).</summary>
    private IReadOnlyList<string> PolicyApplicationFolders()
    {
        try
        {
            return Collectors.Applications.PolicyApplicationFolders.From(Store.LoadPolicy()?.PolicyJson, FactCollector.CurrentPlatform());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public static AgentServices Create(string? configDirectory, LogLevel level = LogLevel.Information) =>
        new(configDirectory ?? AgentPaths.DefaultConfigDirectory(), configDirectory is not null, level);

    public Wire.AgentService.AgentServiceClient ClientFor(string url)
    {
        lock (_channels)
        {
            if (!_channels.TryGetValue(url, out var channel))
            {
                channel = GrpcChannels.Create(url, Trust);
                _channels[url] = channel;
            }
            return new Wire.AgentService.AgentServiceClient(channel);
        }
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
        LoggerFactory.Dispose();
    }
}
