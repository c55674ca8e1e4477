using Fleet.Bench;
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
return await command.Run(new Options(args[1..]));
