using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Fleet.Hosting.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry metrics and traces: Fleet's own (<see cref="FleetTelemetry"/>) next to Orleans', ASP.NET Core's and
    /// the runtime's. Exported over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the other
    /// <c>OTEL_*</c> variables apply as usual); otherwise nothing leaves the process unless scraped from
    /// <see cref="MetricsEndpoint.Path"/> (docs/operations.md).
    /// </summary>
    public static IHostApplicationBuilder AddFleetTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter("Microsoft.Orleans").AddMeter(FleetTelemetry.Name)
                    .AddPrometheusExporter(); // served at /metrics behind the operator key (MetricsEndpoint)
                if (otlp)
                    metrics.AddOtlpExporter();
            })
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation()
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", FleetTelemetry.Name);
                if (otlp)
                    tracing.AddOtlpExporter();
            });
        return builder;
    }
}
