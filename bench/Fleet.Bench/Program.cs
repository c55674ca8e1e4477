using Fleet.Bench;
using System.Text.RegularExpressions;
using Fleet.Bench.Shared;

// fleet-bench <subcommand> [options]: see bench/README.md.
var commands = new Dictionary<string, (string Usage, Func<Options, Task<int>> Run)>
{
    ["query"] = (QueryCommand.Usage, o => QueryCommand.RunAsync(o.Args)),
    ["standing"] = (StandingQueryBench.Usage, StandingQueryBench.RunAsync),
    ["load"] = (LoadCommand.Usage, LoadCommand.RunAsync),
    ["streams"] = (StreamsBench.Usage, StreamsBench.RunAsync),
    ["reports"] = (ReportsBench.Usage, ReportsBench.RunAsync),
    ["push"] = (PushBench.Usage, PushBench.RunAsync),
    ["reevaluate"] = (ReevaluationBench.Usage, ReevaluationBench.RunAsync),
    ["agent"] = (AgentBench.Usage, AgentBench.RunAsync),
    ["storage"] = (StorageBench.Usage, StorageBench.RunAsync),
    ["memory"] = (MemoryCommand.Usage, MemoryCommand.RunAsync),

};
if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage:");
    foreach (var (_, (usage, _)) in commands)
        Console.Error.WriteLine("  " + usage);
    return 2;
}
var rest = args[1..];
if (rest.Contains("--help") || rest.Contains("-h"))
{
    Console.WriteLine("usage: " + command.Usage);
    return 0;
}
// A mistyped option would otherwise run the default benchmark (minutes long) and write its result into docs/benchmarks.md.
// --no-docs is accepted everywhere; the commands that write no docs ignore it.
if (rest.FirstOrDefault(arg => arg.StartsWith("--", StringComparison.Ordinal) && arg != "--no-docs"
        && !Regex.IsMatch(command.Usage, $@"(?<![\w-]){Regex.Escape(arg)}(?![\w-])")) is { } unknown)
{
    Console.Error.WriteLine($"unknown option {unknown}; usage: {command.Usage}");
    return 2;
}
return await command.Run(new Options(rest));
