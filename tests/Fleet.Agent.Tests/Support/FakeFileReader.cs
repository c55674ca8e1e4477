using Fleet.Agent.Collectors.Files;

namespace Fleet.Agent.Tests.Support;

/// <summary>An in-memory file system: files with content, files that deny reading, folders.</summary>
internal sealed class FakeFileReader : IFileReader
{
    private readonly Dictionary<string, FileReadResult> _files = new(StringComparer.Ordinal);

    public FakeFileReader With(string path, string content)
    {
        _files[path] = FileReadResult.Of(content);
        return this;
    }

    public FakeFileReader Denied(string path)
    {
        _files[path] = FileReadResult.Denied();
        return this;
    }

    public FileReadResult ReadText(string path) => _files.TryGetValue(path, out var file) ? file : FileReadResult.Missing();

    public bool DirectoryExists(string path) => _files.Keys.Any(k => k.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal));

    public IReadOnlyList<string> List(string directory, string pattern)
    {
        var prefix = directory.TrimEnd('/') + "/";
        var suffix = pattern.TrimStart('*');
        return _files.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => prefix + k[prefix.Length..].Split('/')[0])
            .Where(k => k.EndsWith(suffix, StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
