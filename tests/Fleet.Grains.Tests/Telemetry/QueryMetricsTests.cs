using System.Diagnostics.Metrics;
using Fleet.Grains.Tests.Graph;
using Fleet.Hosting.Telemetry;

namespace Fleet.Grains.Tests.Telemetry;

public sealed class QueryMetricsTests(GraphClusterFixture fixture) : IClassFixture<GraphClusterFixture>
{
    // Proves every executed query is recorded on Fleet's meter, where OpenTelemetry exports it.
    [Fact]
    public async Task An_executed_query_records_its_duration_on_the_Fleet_meter()
    {
        var recorded = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FleetTelemetry.Name && instrument.Name == "fleet.query.duration")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (recorded) recorded.Add(value); });
        listener.Start();

        await fixture.QueryAsync("acc_" + Guid.NewGuid().ToString("N"), "FIND Device");

        lock (recorded)
            Assert.NotEmpty(recorded);
    }
}
