using System.Text.Json;

namespace Fleet.Agent.Configuration;

/// <summary>The agent's folder: agent.json (enrollment), policy.json (last policy), the report queue.</summary>
public sealed class AgentStore(string directory)
{
    public string Directory { get; } = directory;
    public string ConfigPath => Path.Combine(Directory, "agent.json");
    public string PolicyPath => Path.Combine(Directory, "policy.json");
    public string QueueDirectory => Path.Combine(Directory, "queue");
    public string NotificationPath => Path.Combine(Directory, "last-notification");

    public AgentConfig? LoadConfig() => Load(ConfigPath, AgentJsonContext.Default.AgentConfig);

    public void SaveConfig(AgentConfig config) =>
        PrivateFile.WriteAllText(ConfigPath, JsonSerializer.Serialize(config, AgentJsonContext.Default.AgentConfig));

    public PolicySnapshot? LoadPolicy() => Load(PolicyPath, AgentJsonContext.Default.PolicySnapshot);

    public void SavePolicy(PolicySnapshot policy) =>
        PrivateFile.WriteAllText(PolicyPath, JsonSerializer.Serialize(policy, AgentJsonContext.Default.PolicySnapshot));

    public string? LoadLastNotification() => File.Exists(NotificationPath) ? File.ReadAllText(NotificationPath) : null;

    public void SaveLastNotification(string key) => PrivateFile.WriteAllText(NotificationPath, key);

    private static T? Load<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), type);
        }
        catch (JsonException)
        {
            // A damaged file is treated as absent: enrollment or the next policy update rewrites it.
            return null;
        }
    }
}
