using System.Globalization;
using System.Reflection;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fleet.Grains.Tests.Hosting;

/// <summary>
/// The Orleans dashboard reads the silo's gauges (each read walks every activation) every
/// <see cref="FleetSiloExtensions.DashboardSampleInterval"/>, not the package's hard-coded once a second.
/// </summary>
public sealed class OrleansDashboardSamplingTests
{
    [Fact]
    public void A_Fleet_silo_has_the_dashboard_read_its_gauges_every_sample_interval()
    {
        using var data = new TempDirectory();
        using var host = BuildSilo(data.Path);

        var dashboardHost = host.Services.GetRequiredService(DashboardHostType());

        Assert.Equal(FleetSiloExtensions.DashboardSampleInterval, ExportInterval(dashboardHost));
    }

    [Fact]
    public void Without_the_dashboard_registered_the_setting_stops_the_start_and_says_what_to_check()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OrleansDashboardSampling.SetInterval(new ServiceCollection(), 10_000));

        Assert.Contains("Orleans.Dashboard.DashboardHost", error.Message);
        Assert.Contains("OrleansDashboardSampling", error.Message);
    }

    private static IHost BuildSilo(string dataDirectory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fleet:DataDirectory"] = dataDirectory,
            ["Fleet:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        });
        builder.AddFleetSilo();
        return builder.Build();
    }

    private static Type DashboardHostType() =>
        typeof(Orleans.Dashboard.DashboardOptions).Assembly.GetType("Orleans.Dashboard.DashboardHost", throwOnError: true)!;

    private static int ExportInterval(object dashboardHost) =>
        (int)dashboardHost.GetType().GetProperty("ExportIntervalMilliseconds", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(dashboardHost)!;
}
