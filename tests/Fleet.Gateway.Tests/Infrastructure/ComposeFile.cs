using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Fleet.Gateway.Tests.Infrastructure;

/// <summary>
/// docker-compose.yml as docker-compose itself resolves it (`docker-compose config`: anchors merged,
/// variables substituted), so tests check the file the way Docker would read it.
/// </summary>
public sealed class ComposeFile
{
    private readonly YamlMappingNode _services;

    private ComposeFile(YamlMappingNode services) => _services = services;

    /// <param name="overrides">More compose files merged over docker-compose.yml (e.g. docker-compose.tls.yml).</param>
    public static ComposeFile Load(params string[] overrides)
    {
        var start = new ProcessStartInfo("docker-compose", ["-f", "docker-compose.yml", .. overrides.SelectMany(f => new[] { "-f", f }), "config"])
        {
            WorkingDirectory = BuiltHost.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FLEET_OPERATOR_KEY"] = "compose-test-key";
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("docker-compose did not start (apt-get install docker-compose; ./test.sh does this).");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"docker-compose config failed ({process.ExitCode}): {error}");

        var yaml = new YamlStream();
        yaml.Load(new StringReader(output));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return new ComposeFile((YamlMappingNode)root["services"]);
    }

    public IReadOnlyList<string> ServiceNames => _services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();

    public YamlMappingNode Service(string name) => (YamlMappingNode)_services[name];

    /// <summary>The service's environment as configuration keys (<c>Fleet__X__Y</c> → <c>Fleet:X:Y</c>).</summary>
    public Dictionary<string, string> Settings(string service) =>
        ((YamlMappingNode)Service(service)["environment"]).Children.ToDictionary(
            e => ((YamlScalarNode)e.Key).Value!.Replace("__", ":"),
            e => ((YamlScalarNode)e.Value).Value ?? "");
}
