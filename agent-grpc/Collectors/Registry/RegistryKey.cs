namespace Fleet.Agent.Collectors.Registry;

/// <summary>A key printed by `reg query` with the values listed under it.</summary>
public sealed record RegistryKey(string Path, IReadOnlyList<RegistryValue> Values)
{
    /// <summary>Value names are case-insensitive in the registry.</summary>
    public RegistryValue? this[string name] =>
        Values.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
}
