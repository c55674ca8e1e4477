using System.CommandLine;
using System.Diagnostics;
using Fleet.Agent.Protocol;
using Google.Protobuf;

namespace Fleet.Agent.CommandLine;

/// <summary>`fleet-agent scan`: collect the facts now and print them as JSON (what a report would carry).</summary>
public static class ScanCommand
{
    public static Command Create(Option<string?> configDirectory)
    {
        var command = new Command("scan", "Collect this device's facts now and print them as JSON");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var services = AgentServices.Create(parse.GetValue(configDirectory));
            var stopwatch = Stopwatch.StartNew();
            var facts = await services.Collector.CollectAsync(cancellationToken).ConfigureAwait(false);
            stopwatch.Stop();
            var formatter = new JsonFormatter(JsonFormatter.Settings.Default.WithIndentation());
            Console.WriteLine(formatter.Format(FactsMapper.ToWire(facts)));
            Console.Error.WriteLine($"Scan took {stopwatch.Elapsed.TotalMilliseconds:0} ms.");
            return 0;
        });
        return command;
    }
}
