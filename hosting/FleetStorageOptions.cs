namespace Fleet.Hosting;

/// <summary>Where grain state (and, in cluster mode, membership and reminders) lives. Section <c>Fleet:Storage</c>.</summary>
public sealed class FleetStorageOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>Grain state in <c>fleet_grain_state</c>, written through the silo's group-commit writer (the default).</summary>
    public const string GroupCommit = "GroupCommit";

    /// <summary>Grain state in <c>OrleansStorage</c>, written by Orleans' ADO.NET grain storage, one commit per write.</summary>
    public const string AdoNet = "AdoNet";

    /// <summary><c>sqlite</c> (embedded mode) or <c>postgres</c> (cluster mode).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>ADO.NET connection string. Empty with SQLite means <c>fleet.db</c> in the data folder.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// <c>GroupCommit</c> or <c>AdoNet</c>: which grain storage holds grain state (docs/architecture.md, storage).
    /// The two use different tables: switching does not carry existing state over.
    /// </summary>
    public string GrainStorage { get; set; } = GroupCommit;
}
