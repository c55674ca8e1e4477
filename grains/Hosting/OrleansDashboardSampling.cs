using System.Reflection;

namespace Fleet.Grains.Hosting;

/// <summary>
/// How often the Orleans dashboard reads the silo's Orleans gauges. Microsoft.Orleans.Dashboard 10.4 reads them once a
/// second whatever <c>DashboardOptions.CounterUpdateIntervalMs</c> says: its metric reader takes the internal
/// <c>DashboardHost.ExportIntervalMilliseconds</c>, which nothing but its constructor sets. Each read walks every
/// activation under the catalog's lock, the lock a new activation waits for: ~140 ms of CPU per read at 40,000 devices
/// (docs/benchmarks.md, "Where the fan-out waits"). The setting is internal, so it is set by
/// reflection; a package that renames it stops the silo's start here rather than sampling once a second unnoticed.
/// </summary>
internal static class OrleansDashboardSampling
{
    private const string HostTypeName = "Orleans.Dashboard.DashboardHost";
    private const string IntervalProperty = "ExportIntervalMilliseconds";

    /// <summary>Makes the dashboard's host read the gauges every <paramref name="intervalMilliseconds"/>.</summary>
    public static void SetInterval(IServiceCollection services, int intervalMilliseconds)
    {
        var descriptor = services.SingleOrDefault(d => d.ServiceType.FullName == HostTypeName && d.ImplementationType is not null)
            ?? throw Unsupported($"no {HostTypeName} service is registered");
        var hostType = descriptor.ImplementationType!;
        var interval = hostType.GetProperty(IntervalProperty, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw Unsupported($"{HostTypeName} has no {IntervalProperty} property");

        services.Remove(descriptor);
        services.AddSingleton(descriptor.ServiceType, provider =>
        {
            var host = ActivatorUtilities.CreateInstance(provider, hostType);
            interval.SetValue(host, intervalMilliseconds);
            return host;
        });
    }

    private static InvalidOperationException Unsupported(string what) => new(
        $"The Orleans dashboard package changed ({what}): Fleet cannot slow its once-a-second gauge reads. " +
        "Check OrleansDashboardSampling against the new Microsoft.Orleans.Dashboard version.");
}
