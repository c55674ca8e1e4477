using System.Diagnostics;
using Fleet.Hosting;
using Microsoft.Data.Sqlite;

namespace Fleet.Gateway.Backup;

/// <summary>
/// An online copy of the embedded SQLite database through SQLite's backup API (consistent while the co-hosted silo keeps
/// writing: WAL readers do not block writers). Files go only to <c>&lt;data folder&gt;/backups/</c> under a name the
/// server chooses, readable by the service user only; one backup at a time.
/// </summary>
public sealed partial class SqliteOnlineBackup(FleetOptions options, TimeProvider time, ILogger<SqliteOnlineBackup> logger)
{
    public const string Folder = "backups";
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public sealed record Written(string File, long Bytes, TimeSpan Took, DateTimeOffset At);

    /// <summary>Null when another backup is running.</summary>
    public async Task<Written?> WriteAsync(CancellationToken cancellationToken)
    {
        if (!await _oneAtATime.WaitAsync(0, cancellationToken))
            return null;
        try
        {
            var at = time.GetUtcNow();
            var folder = Path.Combine(options.ResolveDataDirectory(), Folder);
            Directory.CreateDirectory(folder);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var name = $"fleet-{at:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..6]}.db";
            var final = Path.Combine(folder, name);
            var partial = final + ".partial";
            var watch = Stopwatch.StartNew();
            await Task.Run(() => Copy(partial), cancellationToken);
            File.Move(partial, final);
            var bytes = new FileInfo(final).Length;
            LogWritten(logger, name, bytes, watch.ElapsedMilliseconds);
            return new Written(name, bytes, watch.Elapsed, at);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            LogFailed(logger, e.GetType().Name, e.Message);
            throw;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private void Copy(string destination)
    {
        // Created empty and owner-only first, so the copy is never readable by others, not even while it is written.
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (new FileStream(destination, create))
        {
        }
        using var source = new SqliteConnection(options.Storage.ConnectionString);
        using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString());
        source.Open();
        target.Open();
        source.BackupDatabase(target);
        // A self-contained file: the copy's own journal mode is rollback, nothing in a -wal beside it.
        using var journal = target.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode=DELETE;";
        journal.ExecuteNonQuery();
    }

    [LoggerMessage(EventId = 9501, Level = LogLevel.Information, Message = "Backup {File} written ({Bytes} bytes, {Milliseconds} ms)")]
    private static partial void LogWritten(ILogger logger, string file, long bytes, long milliseconds);

    [LoggerMessage(EventId = 9502, Level = LogLevel.Error, Message = "Backup failed: {ErrorType}: {Error}")]
    private static partial void LogFailed(ILogger logger, string errorType, string error);
}
