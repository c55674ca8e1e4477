using Microsoft.Extensions.Logging.Console;

namespace Fleet.Silo.Logging;

/// <summary>
/// The console both hosts write: one line per event, each stamped in UTC (ISO 8601), or one JSON object per line
/// with <c>Logging:Console:FormatterName=json</c> for log shippers. What is logged is set by the standard
/// <c>Logging:LogLevel:*</c> settings: appsettings.json keeps everything but the start-up banner at Warning,
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

    public static IHostApplicationBuilder AddFleetConsoleLogging(this IHostApplicationBuilder builder, string[] args)
    {
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
