namespace Fleet.Hosting.Storage;

/// <summary>Which database a host uses (<c>Fleet:Storage</c>): checked once at start, by the silo and the cluster-mode gateway alike.</summary>
public static class StorageSelection
{
    /// <summary>Fills in the SQLite file in the data folder (created on first start) when no connection string is given.</summary>
    public static FleetStorageOptions Resolve(FleetOptions options)
    {
        var storage = options.Storage;
        if (storage.Provider is not (FleetStorageOptions.Sqlite or FleetStorageOptions.Postgres))
            throw new InvalidOperationException(
                $"Fleet:Storage:Provider is '{storage.Provider}'; use '{FleetStorageOptions.Sqlite}' (embedded) or '{FleetStorageOptions.Postgres}' (cluster).");
        if (storage.GrainStorage is not (FleetStorageOptions.GroupCommit or FleetStorageOptions.AdoNet))
            throw new InvalidOperationException(
                $"Fleet:Storage:GrainStorage is '{storage.GrainStorage}'; use '{FleetStorageOptions.GroupCommit}' (the default) or '{FleetStorageOptions.AdoNet}' (Orleans' ADO.NET grain storage).");
        if (storage.Provider == FleetStorageOptions.Postgres && string.IsNullOrWhiteSpace(storage.ConnectionString))
            throw new InvalidOperationException("Fleet:Storage:ConnectionString is required with the postgres provider (env Fleet__Storage__ConnectionString).");
        if (storage.Provider == FleetStorageOptions.Sqlite && string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            var database = Path.Combine(PrivateFiles.CreateFolder(options.ResolveDataDirectory()), "fleet.db");
            PrivateFiles.EnsureExists(database); // owner-only before SQLite creates it (and its -wal/-shm) with 0644
            storage.ConnectionString = $"Data Source={database};Pooling=True";
        }
        return storage;
    }
}
