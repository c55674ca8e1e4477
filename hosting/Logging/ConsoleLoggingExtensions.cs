using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Logging.Console;

namespace Fleet.Hosting.Logging;

/// <summary>
/// The console both hosts write: one line per event, each stamped in UTC (ISO 8601), or one JSON object per line
/// with <c>Logging:Console:FormatterName=json</c> for log shippers. What is logged is set by the standard
/// <c>Logging:LogLevel:*</c> settings: by default (<see cref="DefaultLevels"/>, also written out in the gateway's
/// appsettings.json) everything but the start-up banner stays at Warning,
/// and <c>--verbose</c> brings every category back at Information (docs/operations.md).
/// </summary>
public static class ConsoleLoggingExtensions
{
    public const string VerboseFlag = "--verbose";

    /// <summary>ISO 8601 in UTC to the millisecond, so events of several processes sort and line up.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The arguments without <c>--verbose</c>: .NET's command-line configuration would read the next argument as its value.</summary>
    public static string[] WithoutVerboseFlag(string[] args) =>
        args.Where(a => !IsVerboseFlag(a)).ToArray();

    /// <summary>
    /// The quiet defaults, below every other source (so appsettings.json, environment and command line override
    /// them): the silo has no appsettings.json of its own, because the gateway, which references the silo project,
    /// would publish two files of that name.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> DefaultLevels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = nameof(LogLevel.Warning),
        ["Logging:LogLevel:Microsoft.AspNetCore"] = nameof(LogLevel.Warning),
        ["Logging:LogLevel:Orleans"] = nameof(LogLevel.Warning),
        ["Logging:LogLevel:" + StartupLog.Category] = nameof(LogLevel.Information),
    };

    public static IHostApplicationBuilder AddFleetConsoleLogging(this IHostApplicationBuilder builder, string[] args)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultLevels });
        if (args.Any(IsVerboseFlag))
            builder.Configuration.AddInMemoryCollection(VerboseLevels(builder.Configuration));

        // Without a formatter name the console logger copies its obsolete options over the simple formatter's (no
        // single line, local time); naming it keeps these. After the configuration binding AddConsole registered,
        // so Logging:Console:FormatterName=json still wins and the timestamps stay UTC whatever it says.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName ??= ConsoleFormatterNames.Simple);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = TimestampFormat + " ";
        });
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = TimestampFormat;
        });
        return builder;
    }

    /// <summary>Information for the default and for every category configured quieter; more detailed levels stay.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> VerboseLevels(IConfiguration configuration)
    {
        yield return new("Logging:LogLevel:Default", nameof(LogLevel.Information));
        foreach (var category in configuration.GetSection("Logging:LogLevel").GetChildren())
        {
            if (category.Key != "Default" && Enum.TryParse<LogLevel>(category.Value, ignoreCase: true, out var level) && level > LogLevel.Information)
                yield return new(category.Path, nameof(LogLevel.Information));
        }
    }

    private static bool IsVerboseFlag(string arg) => string.Equals(arg, VerboseFlag, StringComparison.OrdinalIgnoreCase);
}
