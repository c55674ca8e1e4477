namespace Fleet.Agent.Configuration;

/// <summary>What enrollment leaves on the laptop. The token is a secret: the file is readable by its owner only.</summary>
public sealed record AgentConfig
{
    /// <summary>Tried in order; the next one is used when a server cannot be reached.</summary>
    public IReadOnlyList<string> ServerUrls { get; init; } = [];
    public string DeviceId { get; init; } = "";
    public string AccountId { get; init; } = "";
    public string Token { get; init; } = "";
    public DateTimeOffset EnrolledAt { get; init; }
    /// <summary>The private CA the servers' certificates chain to (<c>enroll --ca-file</c>, PEM); null: the system's roots.</summary>
    public string? CaCertificatesPem { get; init; }
    /// <summary><c>enroll --allow-insecure</c>: plain http:// to another machine was asked for explicitly.</summary>
    public bool AllowInsecure { get; init; }
}
