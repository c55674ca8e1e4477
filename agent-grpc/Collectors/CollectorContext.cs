using System.Net.NetworkInformation;
using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Collectors.Files;
using Fleet.Agent.Collectors.Registry;
using Fleet.Agent.Collectors.RemoteLogin;

namespace Fleet.Agent.Collectors;

/// <summary>What a collector may touch: processes, files, the registry, sockets, the clock and the environment, all injectable.</summary>
public sealed record CollectorContext(
    ICommandRunner Commands,
    IFileReader Files,
    Func<string, string?> Environment,
    string HomeDirectory)
{
    /// <summary>The Windows registry; <see cref="NoRegistry"/> elsewhere.</summary>
    public IRegistryReader Registry { get; init; } = NoRegistry.Instance;

    /// <summary>Listening TCP sockets as any user may list them (the OS's own table, no process).</summary>
    public Func<IReadOnlyList<ListeningSocket>> TcpListeners { get; init; } = ListTcpListeners;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Extra folders the policy's applications name (<c>paths</c>), searched besides the usual ones.</summary>
    public IReadOnlyList<string> ApplicationFolders { get; init; } = [];

    public static CollectorContext ForCurrentUser(TimeSpan commandTimeout) => new(
        new ProcessCommandRunner(commandTimeout),
        new LocalFileReader(),
        System.Environment.GetEnvironmentVariable,
        System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile))
    {
        Registry = System.OperatingSystem.IsWindows() ? new WindowsRegistryReader() : NoRegistry.Instance,
    };

    public Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Commands.RunAsync(program, arguments, cancellationToken);

    private static IReadOnlyList<ListeningSocket> ListTcpListeners() =>
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners()
            .Select(endpoint => new ListeningSocket(endpoint.Address.ToString(), endpoint.Port))
            .ToList();
}
