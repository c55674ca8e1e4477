using Fleet.Gateway.Security;
using Fleet.Hosting;

namespace Fleet.Gateway.Backup;

/// <summary>
/// POST /api/v1/backups (operator key only): an online backup of the embedded SQLite database into the data folder's
/// backups/ (docs/backup-and-restore.md). The caller chooses nothing: no path, no name. Cluster mode answers 409 —
/// PostgreSQL is backed up with pg_dump.
/// </summary>
public static class BackupEndpoints
{
    public static IServiceCollection AddFleetBackup(this IServiceCollection services) => services.AddSingleton<SqliteOnlineBackup>();

    public static IEndpointRouteBuilder MapBackupEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/backups", CreateAsync).RequireAuthorization(FleetPolicies.Operator);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(FleetOptions options, SqliteOnlineBackup backup, CancellationToken cancellationToken)
    {
        if (options.Storage.Provider != FleetStorageOptions.Sqlite)
            return Results.Problem(
                title: "No online backup in cluster mode",
                detail: "This gateway's storage is PostgreSQL: back it up with pg_dump (docs/backup-and-restore.md).",
                statusCode: StatusCodes.Status409Conflict);
        var written = await backup.WriteAsync(cancellationToken);
        if (written is null)
            return Results.Problem(title: "A backup is running", detail: "One backup at a time; retry when it is done.", statusCode: StatusCodes.Status409Conflict);
        return Results.Created((string?)null, new
        {
            file = Path.Combine(SqliteOnlineBackup.Folder, written.File),
            bytes = written.Bytes,
            tookMs = (long)written.Took.TotalMilliseconds,
            at = written.At,
        });
    }
}
