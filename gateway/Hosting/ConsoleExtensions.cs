using Fleet.Hosting.Logging;

namespace Fleet.Gateway.Hosting;

public static class ConsoleExtensions
{
    /// <summary>UTC-stamped single-line (or JSON) console logs, <c>--verbose</c>, and the start-up banner.</summary>
    public static WebApplicationBuilder AddFleetConsole(this WebApplicationBuilder builder, string[] args)
    {
        builder.AddFleetConsoleLogging(args);
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }
}
