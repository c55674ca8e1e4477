namespace Fleet.Agent.Collectors.Commands;

/// <summary>
/// Runs one program with arguments (never through a shell) under a timeout. Injectable so collectors
/// can be tested with captured outputs instead of processes.
/// </summary>
public interface ICommandRunner
{
    /// <summary>Never throws for a missing program, a timeout or a non-zero exit: those are results.</summary>
    Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
