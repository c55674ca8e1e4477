using Npgsql;

namespace Fleet.Hosting.Logging;

/// <summary>The start-up banner's log category and what it may say about a database: never the connection string.</summary>
public static class StartupLog
{
    /// <summary>The one category appsettings.json keeps at Information by default.</summary>
    public const string Category = "Fleet.Startup";

    /// <summary><c>host:port/database</c>: enough to know which database, without the credentials.</summary>
    public static string DescribeDatabase(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException)
        {
            return "(connection string not readable)";
        }
    }
}
