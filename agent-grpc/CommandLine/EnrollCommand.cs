using System.CommandLine;
using Fleet.Agent.Enrollment;
using Microsoft.Extensions.Logging;
using Grpc.Core;

namespace Fleet.Agent.CommandLine;

/// <summary>`fleet-agent enroll --server URL [--server URL2] --code CODE`</summary>
public static class EnrollCommand
{
    public static Command Create(Option<string?> configDirectory)
    {
        var servers = new Option<string[]>("--server")
        {
            Description = "Fleet server URL (repeat for failover servers), e.g. https://fleet.example.com",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var code = new Option<string>("--code") { Description = "The invite code from your invitation e-mail", Required = true };
        var command = new Command("enroll", "Enroll this device with an invite code") { servers, code };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var services = AgentServices.Create(parse.GetValue(configDirectory));
            var enroller = new Enroller(services.ClientFor, services.Store, services.Time, services.LoggerFactory.CreateLogger<Enroller>());
            try
            {
                var facts = await services.Collector.CollectAsync(cancellationToken).ConfigureAwait(false);
                var config = await enroller.EnrollAsync(parse.GetValue(servers)!, parse.GetValue(code)!, facts, cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"Enrolled as device {config.DeviceId}. Configuration saved in {services.Store.ConfigPath}.");
                Console.WriteLine("Start the agent with `fleet-agent service install` (or `fleet-agent run`).");
                return 0;
            }
            catch (RpcException e)
            {
                // The invite code is never echoed: it is a secret until used.
                Console.Error.WriteLine($"Enrollment failed: {e.StatusCode}: {e.Status.Detail}");
                return 1;
            }
        });
        return command;
    }
}
