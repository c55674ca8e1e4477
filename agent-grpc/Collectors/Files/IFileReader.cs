namespace Fleet.Agent.Collectors.Files;

/// <summary>Reads configuration files as the current user. Injectable so collectors are tested without a real /etc.</summary>
public interface IFileReader
{
    FileReadResult ReadText(string path);

    bool DirectoryExists(string path);

    /// <summary>Full paths of the entries matching <paramref name="pattern"/>, sorted ordinally; empty when the folder cannot be listed.</summary>
    IReadOnlyList<string> List(string directory, string pattern);
}
