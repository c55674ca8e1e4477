namespace Fleet.Agent.Collectors.Registry;

/// <summary>
/// Reads registry keys as the current user ("HKLM\SOFTWARE\…", "HKCU\…"). Injectable so the
/// Windows collectors are tested on any OS from captured values; the decisions stay pure over keys.
/// </summary>
public interface IRegistryReader
{
    /// <summary>The key's values, or null when the key does not exist. Throws when it exists but may not be read.</summary>
    RegistryKey? Read(string path);

    /// <summary>Every direct subkey with its values (empty when the key does not exist).</summary>
    IReadOnlyList<RegistryKey> ReadSubkeys(string path);
}
