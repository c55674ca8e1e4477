using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Fleet.Hosting.Telemetry;

/// <summary>
/// Fleet's own meter and activity source, with the instruments an operator watches (docs/benchmarks.md): connected agents,
/// reports and acks, push latency, query latency, alert evaluations. Exported next to Orleans' own meters.
/// </summary>
public static class FleetTelemetry
{
    public const string Name = "Fleet";
    public static readonly Meter Meter = new(Name);
    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly UpDownCounter<long> ConnectedAgents =
        Meter.CreateUpDownCounter<long>("fleet.agents.connected", description: "Agent streams open on this gateway");

    public static readonly Counter<long> ReportsReceived =
        Meter.CreateCounter<long>("fleet.reports.received", description: "Agent reports read from streams");

    public static readonly Counter<long> ReportsAcked =
        Meter.CreateCounter<long>("fleet.reports.acked", description: "Agent reports acknowledged after they were durable");

    public static readonly Histogram<double> PushLatency =
        Meter.CreateHistogram<double>("fleet.push.latency", unit: "ms", description: "From the change in the silo to its hand-off to SignalR");

    public static readonly Histogram<double> QueryLatency =
        Meter.CreateHistogram<double>("fleet.query.duration", unit: "ms", description: "J1QL execution time in the silo");

    public static readonly Counter<long> QuarantinedWrites =
        Meter.CreateCounter<long>("fleet.storage.quarantined", description: "Rows the database refused for what they contain, kept in fleet_quarantine instead of retried");

    public static readonly Counter<long> AlertEvaluations =
        Meter.CreateCounter<long>("fleet.alerts.evaluations", description: "Alert rule evaluations");
}
