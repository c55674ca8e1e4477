namespace Fleet.Agent.Configuration;

/// <summary>
/// Writes files readable by the owner only (0600 in a 0700 folder on Unix; the per-user profile
/// folder already restricts them on Windows), atomically: a crash leaves the old file or the new one.
/// </summary>
public static class PrivateFile
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void EnsureDirectory(string directory)
    {
        if (System.OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }
        Directory.CreateDirectory(directory, OwnerFolder);
    }

    public static void WriteAllText(string path, string content)
    {
        EnsureDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!System.OperatingSystem.IsWindows())
        {
            // Set at creation so the secret is never readable by others, not even for a moment.
            options.UnixCreateMode = OwnerFile;
        }
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        if (!System.OperatingSystem.IsWindows())
        {
            // UnixCreateMode does not apply when the temporary file already existed.
            File.SetUnixFileMode(temporary, OwnerFile);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
