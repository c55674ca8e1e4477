using System.Reflection;

namespace Fleet.Agent;

/// <summary>The agent's own version, as sent in Hello and checked against the account's minimum.</summary>
public static class AgentVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var informational = typeof(AgentVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // The SDK appends "+<commit>"; the policy's semver ranges want the plain version.
        var version = informational?.Split('+')[0];
        return string.IsNullOrEmpty(version) ? "0.0.0" : version;
    }
}
