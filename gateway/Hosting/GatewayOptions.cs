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

    /// <summary>
    /// Cluster mode: how long any grain call of this gateway (REST, SignalR, agent streams) waits for its answer before it
    /// fails with a <see cref="TimeoutException"/> (REST answers 503 + Retry-After). A call that was in flight to a silo
    /// that just died is not failed by the cluster's death declaration (the gateway silo only forwarded it), so without
    /// this bound it waits Orleans' default 30 s. Above the query budget (10 s, docs/query-language.md), so a query that
    /// uses its whole budget still answers.
    /// </summary>
    public TimeSpan GrainCallTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Cluster mode: how long all the grain calls of one REST request may take together before it answers 503 +
    /// Retry-After (<see cref="RequestDeadline"/>). Above <see cref="GrainCallTimeout"/>, so one slow call keeps its own
    /// bound; below the 30 s clients commonly wait, so a request never goes unanswered while a silo restarts.
    /// </summary>
    public TimeSpan RequestDeadline { get; set; } = TimeSpan.FromSeconds(25);
}
