namespace Fleet.Hosting.Storage;

/// <summary>ADO.NET provider invariant names as Orleans 10.4 maps them to drivers.</summary>
public static class AdoNetInvariants
{
    public const string Postgres = "Npgsql";

    /// <summary>Orleans maps this name to Microsoft.Data.Sqlite's factory ("Microsoft.Data.Sqlite" itself is not accepted).</summary>
    public const string Sqlite = "System.Data.SQLite";

    public static string For(FleetStorageOptions storage) => storage.Provider == FleetStorageOptions.Postgres ? Postgres : Sqlite;
}
