namespace Fleet.Gateway.Hosting;

/// <summary>The gateway's own settings (section <c>Fleet:Gateway</c>).</summary>
public sealed class GatewayOptions
{
    public const string Section = "Fleet:Gateway";
    public const string Embedded = "embedded";
    public const string Cluster = "cluster";

    /// <summary><c>embedded</c>: co-host a silo (SQLite). <c>cluster</c>: connect to silos as an Orleans client (PostgreSQL clustering).</summary>
    public string Mode { get; set; } = Embedded;

    /// <summary>Browser, REST and SignalR (HTTP/1.1 and HTTP/2).</summary>
    public int HttpPort { get; set; } = 5080;

    /// <summary>Agents' gRPC streams (HTTP/2 only: plain-text gRPC needs a prior-knowledge HTTP/2 endpoint).</summary>
    public int AgentPort { get; set; } = 5081;

    /// <summary><c>localhost</c> (default: nothing outside this machine can connect), <c>*</c> for every interface, or an IP address.</summary>
    public string ListenAddress { get; set; } = "localhost";
}
