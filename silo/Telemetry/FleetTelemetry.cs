using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Fleet.Silo.Telemetry;

/// <summary>Fleet's own meter and activity source; the instruments live next to the code they measure.</summary>
public static class FleetTelemetry
{
    public const string Name = "Fleet";
    public static readonly Meter Meter = new(Name);
    public static readonly ActivitySource ActivitySource = new(Name);
}
