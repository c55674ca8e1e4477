namespace Fleet.Agent.Collectors.Files;

public enum FileReadStatus
{
    Read = 0,
    Missing = 1,
    Denied = 2,
    Failed = 3,
}

/// <summary>The text of a file, or why it could not be read.</summary>
public sealed record FileReadResult(FileReadStatus Status, string Content, string? Error = null)
{
    public bool Exists => Status != FileReadStatus.Missing;

    public static FileReadResult Of(string content) => new(FileReadStatus.Read, content);
    public static FileReadResult Missing() => new(FileReadStatus.Missing, "", "does not exist");
    public static FileReadResult Denied() => new(FileReadStatus.Denied, "", "permission denied");

    public string Describe(string path) => Status switch
    {
        FileReadStatus.Read => $"{path} read",
        FileReadStatus.Missing => $"{path} does not exist",
        FileReadStatus.Denied => $"{path}: permission denied",
        _ => $"{path}: {Error}",
    };
}
