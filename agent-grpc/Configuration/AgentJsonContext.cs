using System.Text.Json.Serialization;

namespace Fleet.Agent.Configuration;

/// <summary>Source-generated JSON for the agent's files: no reflection, so trimming and Native AOT stay possible.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AgentConfig))]
[JsonSerializable(typeof(PolicySnapshot))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
