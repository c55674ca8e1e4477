namespace Fleet.Agent.Collectors.OperatingSystem;

/// <summary>The fields of /etc/os-release the agent uses.</summary>
public sealed record OsRelease(string Id, string Name, string Version, string? PrettyName, string? BuildId);
