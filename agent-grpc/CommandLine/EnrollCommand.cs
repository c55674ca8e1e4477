using System.CommandLine;
using Fleet.Agent.Connection;
using Fleet.Agent.Enrollment;
using Microsoft.Extensions.Logging;
using Grpc.Core;

namespace Fleet.Agent.CommandLine;

/// <summary>`fleet-agent enroll --server URL [--server URL2] --code CODE [--ca-file PEM] [--allow-insecure]`</summary>
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
        var caFile = new Option<string?>("--ca-file")
        {
            Description = "PEM file of the private certificate authority the server's certificate chains to (kept for `run`)",
        };
        var allowInsecure = new Option<bool>("--allow-insecure")
        {
            Description = "Allow plain http:// to another machine (the token and reports then cross the network unencrypted)",
        };
        var command = new Command("enroll", "Enroll this device with an invite code") { servers, code, caFile, allowInsecure };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var services = AgentServices.Create(parse.GetValue(configDirectory));
            var urls = parse.GetValue(servers)!;
            string? caPem = null;
            try
            {
                if (parse.GetValue(caFile) is { } path)
                {
                    caPem = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
                    _ = ServerTrust.ParseCertificates(caPem);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Console.Error.WriteLine($"Cannot use --ca-file: {e.Message}");
                return 2;
            }
            services.Trust = new ServerTrust(caPem, parse.GetValue(allowInsecure));
            if (urls.Select(services.Trust.Refusal).FirstOrDefault(r => r is not null) is { } refusal)
            {
                Console.Error.WriteLine(refusal);
                return 2;
            }
            var enroller = new Enroller(services.ClientFor, services.Store, services.Time, services.LoggerFactory.CreateLogger<Enroller>());
            try
            {
                var facts = await services.Collector.CollectAsync(cancellationToken).ConfigureAwait(false);
                var config = await enroller.EnrollAsync(urls, parse.GetValue(code)!, facts, cancellationToken, services.Trust).ConfigureAwait(false);
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
