using System.CommandLine;
using Fleet.Agent.Collectors;
using Fleet.Agent.Status;
using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Policy;

namespace Fleet.Agent.CommandLine;

/// <summary>
/// `fleet-agent status`: scan now, evaluate the locally stored policy, print the table and the fixes, preceded by the
/// upgrade prompt (with the download link) while this agent is older than the account's minimum version.
/// Exit 0 when compliant, 1 when not, 3 when there is no usable policy yet.
/// </summary>
public static class StatusCommand
{
    public static Command Create(Option<string?> configDirectory)
    {
        var command = new Command("status", "Check this device now against the stored policy and show how to fix what fails");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var services = AgentServices.Create(parse.GetValue(configDirectory), Microsoft.Extensions.Logging.LogLevel.Warning);
            var snapshot = services.Store.LoadPolicy();
            if (snapshot is null)
            {
                Console.Error.WriteLine("No policy yet: the agent receives it from the server once `fleet-agent run` has connected.");
                return 3;
            }
            var parsed = PolicyParser.Parse(snapshot.PolicyJson);
            if (parsed.Policy is null)
            {
                Console.Error.WriteLine("The stored policy is not valid:");
                foreach (var error in parsed.Errors)
                {
                    Console.Error.WriteLine("  " + error);
                }
                return 3;
            }
            if (UpgradeNotice.For(snapshot, AgentVersion.Current) is { } upgrade)
            {
                Console.WriteLine(upgrade);
            }
            var facts = await services.Collector.CollectAsync(cancellationToken).ConfigureAwait(false);
            var deviceId = services.Store.LoadConfig()?.DeviceId ?? "";
            var result = PolicyEvaluator.Evaluate(parsed.Policy, facts, new WaiverSubject(deviceId, null), services.Time.GetUtcNow());
            Console.Write(StatusReport.Format(result, parsed.Policy, FactCollector.CurrentPlatform(), services.Collector.Desktop, snapshot.Version));
            return result.Compliant ? 0 : 1;
        });
        return command;
    }
}
