namespace Fleet.Agent.Collectors.Registry;

/// <summary>The registry of a machine that has none: asking it is a bug in the caller, reported as Unknown by <see cref="FactGuard"/>.</summary>
public sealed class NoRegistry : IRegistryReader
{
    public static readonly NoRegistry Instance = new();

    public RegistryKey? Read(string path) => throw new PlatformNotSupportedException("there is no registry on this OS");

    public IReadOnlyList<RegistryKey> ReadSubkeys(string path) => throw new PlatformNotSupportedException("there is no registry on this OS");
}
