namespace Fleet.Hosting.Storage;

/// <summary>
/// The data folder and the files in it hold keys, tokens, invite codes and every device's record: they are created
/// readable by the service's own user only (folders 0700, files 0600), with that mode from the moment they exist rather
/// than tightened after something was written. Windows keeps its inherited ACLs.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and missing parents) owner-only; an existing folder keeps its mode.</summary>
    public static string CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, FolderMode);
        return path;
    }

    /// <summary>Creates a new owner-only file for writing; fails when it exists.</summary>
    public static FileStream CreateNew(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = FileMode;
        return new FileStream(path, options);
    }

    /// <summary>
    /// Creates an empty owner-only file unless one exists. SQLite opens an empty file as a new database and gives its
    /// -wal, -shm and -journal files the mode of the database file, so this makes all of them owner-only.
    /// </summary>
    public static void EnsureExists(string path)
    {
        try
        {
            using var _ = CreateNew(path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created earlier (or by another process just now): keep it.
        }
    }
}
