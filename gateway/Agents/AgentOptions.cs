namespace Fleet.Gateway.Agents;

/// <summary>Limits and timings of the agent endpoint (section <c>Fleet:Agents</c>). See docs/agent-protocol.md.</summary>
public sealed class AgentOptions
{
    public const string Section = "Fleet:Agents";

    /// <summary>Largest gRPC message accepted from an agent; larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Installed applications per report.</summary>
    public int MaxApplications { get; set; } = 5_000;

    /// <summary>Reports a device may send back to back (its token bucket's size).</summary>
    public int ReportBurst { get; set; } = 120;

    /// <summary>Reports per minute a device may send once its burst is spent (the bucket's refill rate).</summary>
    public double ReportsPerMinute { get; set; } = 60;

    /// <summary>Messages waiting to be written to one agent; pushes beyond it are dropped (and reconciled later), acks wait.</summary>
    public int OutgoingQueue { get; set; } = 64;

    /// <summary>Reports read ahead of the device grain per stream; beyond it the stream stops reading (HTTP/2 flow control).</summary>
    public int IncomingQueue { get; set; } = 16;

    /// <summary>
    /// The longest the stream handler waits for one grain call (token check, connectivity, heartbeat, report). A call to a
    /// silo that was just killed otherwise waits Orleans' 30 s response timeout while the agent's stream looks healthy;
    /// past this the stream ends UNAVAILABLE and the agent resends what was not acked (applied once: sequences dedupe).
    /// </summary>
    public TimeSpan GrainCallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a new stream may take to send its Hello.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often this gateway re-subscribes its observer for each account with open streams (observers expire after 90 s).</summary>
    public TimeSpan ResubscribeInterval { get; set; } = TimeSpan.FromSeconds(30);
}
