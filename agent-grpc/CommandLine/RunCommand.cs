using System.CommandLine;
using Fleet.Agent.Collectors;
using Fleet.Agent.Connection;
using Fleet.Agent.Notifications;
using Fleet.Agent.Reporting;
using Microsoft.Extensions.Logging;

namespace Fleet.Agent.CommandLine;

/// <summary>`fleet-agent run`: the background loop (what the per-user service starts).</summary>
public static class RunCommand
{
    // Each report is a full snapshot, so a week offline at the default interval fits with room to spare.
    public const int QueueCapacity = 1000;

    public static Command Create(Option<string?> configDirectory)
    {
        var command = new Command("run", "Keep the connection to Fleet open, scanning on the server's schedule");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var services = AgentServices.Create(parse.GetValue(configDirectory));
            var config = services.Store.LoadConfig();
            if (config is null || config.ServerUrls.Count == 0)
            {
                Console.Error.WriteLine($"Not enrolled (no {services.Store.ConfigPath}). Run `fleet-agent enroll --server URL --code CODE` first.");
                return 2;
            }
            services.Trust = ServerTrust.From(config);
            if (config.ServerUrls.Select(services.Trust.Refusal).FirstOrDefault(r => r is not null) is { } refusal)
            {
                Console.Error.WriteLine(refusal);
                return 2;
            }
            var runner = new AgentRunner(
                config,
                services.Store,
                new ReportQueue(services.Store.QueueDirectory, QueueCapacity, services.LoggerFactory.CreateLogger<ReportQueue>()),
                new ReportSequence(Path.Combine(services.Store.Directory, "sequence")),
                services.Collector.CollectAsync,
                services.ClientFor,
                new DesktopNotifier(services.Commands, services.Store, FactCollector.CurrentPlatform(), services.LoggerFactory.CreateLogger<DesktopNotifier>()),
                ReconnectBackoff.Default(),
                services.Time,
                new AgentRunnerOptions(),
                services.LoggerFactory.CreateLogger<AgentRunner>());
            await runner.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
