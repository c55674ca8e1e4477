namespace Fleet.Agent.Collectors.Registry;

/// <summary>One registry key as read by <see cref="IRegistryReader"/>: its path and its values.</summary>
public sealed record RegistryKey(string Path, IReadOnlyList<RegistryValue> Values)
{
    /// <summary>Value names are case-insensitive in the registry.</summary>
    public RegistryValue? this[string name] =>
        Values.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
}
