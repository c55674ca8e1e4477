using System.Globalization;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fleet.Bench.Shared;

/// <summary>
/// A silo in this process, set up as the hosts set it up (<c>AddFleetSilo</c>): data in <paramref name="dataDirectory"/>,
/// free loopback ports, warnings only. <paramref name="settings"/> adds or overrides configuration (e.g. the storage).
/// </summary>
public static class InProcessSilo
{
    public static async Task<IHost> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var configuration = new Dictionary<string, string?>
        {
            ["Fleet:DataDirectory"] = dataDirectory,
            ["Fleet:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Fleet:SiloGatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Fleet:ListenAddress"] = "127.0.0.1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddFleetSilo();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
