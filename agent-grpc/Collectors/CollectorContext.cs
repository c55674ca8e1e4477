using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Collectors.Files;

namespace Fleet.Agent.Collectors;

/// <summary>What a collector may touch: processes, files and the environment, all injectable.</summary>
public sealed record CollectorContext(
    ICommandRunner Commands,
    IFileReader Files,
    Func<string, string?> Environment,
    string HomeDirectory)
{
    public static CollectorContext ForCurrentUser(TimeSpan commandTimeout) => new(
        new ProcessCommandRunner(commandTimeout),
        new LocalFileReader(),
        System.Environment.GetEnvironmentVariable,
        System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile));

    public Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Commands.RunAsync(program, arguments, cancellationToken);
}
