using Fleet.Agent.Collectors.Registry;

namespace Fleet.Agent.Tests.Support;

/// <summary>A registry made of `reg query` fixture captures; keys are found by path ignoring case and hive spelling.</summary>
internal sealed class FakeRegistryReader : IRegistryReader
{
    private readonly Dictionary<string, RegistryKey> _keys = new(StringComparer.OrdinalIgnoreCase);

    public FakeRegistryReader With(params string[] fixtures)
    {
        foreach (var fixture in fixtures)
        {
            foreach (var key in RegQueryParser.Parse(Fixture.Text(fixture)))
            {
                _keys[Normalize(key.Path)] = key;
            }
        }
        return this;
    }

    public RegistryKey? Read(string path) => _keys.GetValueOrDefault(Normalize(path));

    public IReadOnlyList<RegistryKey> ReadSubkeys(string path)
    {
        var prefix = Normalize(path) + "\\";
        return _keys.Where(k => k.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !k.Key[prefix.Length..].Contains('\\'))
            .OrderBy(k => k.Key, StringComparer.OrdinalIgnoreCase)
            .Select(k => k.Value)
            .ToList();
    }

    private static string Normalize(string path) => path
        .Replace("HKEY_LOCAL_MACHINE", "HKLM", StringComparison.OrdinalIgnoreCase)
        .Replace("HKEY_CURRENT_USER", "HKCU", StringComparison.OrdinalIgnoreCase)
        .TrimEnd('\\');
}
