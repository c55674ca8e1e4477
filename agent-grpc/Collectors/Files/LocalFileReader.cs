namespace Fleet.Agent.Collectors.Files;

/// <summary>The real file system. Every failure becomes a <see cref="FileReadResult"/>, never an exception.</summary>
public sealed class LocalFileReader : IFileReader
{
    // Configuration files are small; anything larger is not what we are looking for.
    private const long MaxBytes = 4 * 1024 * 1024;

    public FileReadResult ReadText(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return FileReadResult.Missing();
            }
            if (info.Length > MaxBytes)
            {
                return new FileReadResult(FileReadStatus.Failed, "", $"larger than {MaxBytes} bytes");
            }
            return FileReadResult.Of(File.ReadAllText(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return FileReadResult.Missing();
        }
        catch (UnauthorizedAccessException)
        {
            return FileReadResult.Denied();
        }
        catch (IOException e)
        {
            return new FileReadResult(FileReadStatus.Failed, "", e.Message);
        }
    }

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public IReadOnlyList<string> List(string directory, string pattern)
    {
        try
        {
            var entries = Directory.GetFileSystemEntries(directory, pattern);
            Array.Sort(entries, StringComparer.Ordinal);
            return entries;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
