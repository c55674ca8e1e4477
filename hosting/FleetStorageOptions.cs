namespace Fleet.Hosting;

/// <summary>Where grain state (and, in cluster mode, membership and reminders) lives. Section <c>Fleet:Storage</c>.</summary>
public sealed class FleetStorageOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (embedded mode) or <c>postgres</c> (cluster mode).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>ADO.NET connection string. Empty with SQLite means <c>fleet.db</c> in the data folder.</summary>
    public string ConnectionString { get; set; } = "";
}
