using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Operations;

/// <summary>What a newcomer and a log shipper read on the console of real gateway and silo processes (docs/operations.md).</summary>
public sealed partial class ConsoleOutputTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    // "2026-01-31T12:00:00.000Z info: Category[id] message": the simple console format with a UTC timestamp.
    [GeneratedRegex(@"^(?<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (?<level>trce|dbug|info|warn|fail|crit): ")]
    private static partial Regex LogLine();

    // Proves a first `--demo` start prints a short banner (URLs, data folder, where the operator key went) with UTC
    // timestamps on every log line, and the demo sign-in key last, instead of thousands of lines of framework chatter.
    [Fact]
    public async Task A_first_demo_start_prints_a_short_timestamped_banner_and_the_sign_in_key_last()
    {
        using var data = new TempDirectory();
        var settings = EmbeddedSettings(data.Path);
        settings["Fleet:Demo:Agents"] = "5";
        await using var gateway = FleetProcess.Start(BuiltHost.GatewayDll, settings, ["--demo"]);

        var key = await UntilAsync(() => ReadDemoKey(data.Path) is { } k && gateway.Output.Contains(k, StringComparison.Ordinal) ? k : null, gateway);

        var lines = gateway.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        var keyLine = lines.FindIndex(l => l.Contains(key, StringComparison.Ordinal));
        var untilKey = lines.Take(keyLine + 1).ToList();
        Assert.True(untilKey.Count <= 24, "More than ~20 lines before the sign-in key:\n" + string.Join('\n', untilKey));
        Assert.Equal(key, untilKey[^1].Trim());
        var logLines = untilKey.Where(l => LogLine().IsMatch(l)).ToList();
        Assert.All(logLines, l => Assert.True(DateTimeOffset.TryParseExact(LogLine().Match(l).Groups["time"].Value,
            "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && Math.Abs((DateTimeOffset.UtcNow - at).TotalMinutes) < 10, "Not a current UTC timestamp: " + l));
        // Everything else is the demo's own few lines that lead up to the key.
        Assert.True(untilKey.Count - logLines.Count <= 4, "Lines that are not log events:\n" + string.Join('\n', untilKey.Except(logLines)));
        var banner = string.Join('\n', logLines);
        Assert.Contains($"Dashboard: http://127.0.0.1:{settings["Fleet:Gateway:HttpPort"]}/", banner);
        Assert.Contains($"Agents connect to: http://127.0.0.1:{settings["Fleet:Gateway:AgentPort"]}/", banner);
        Assert.Contains($"Data: {data.Path}", banner);
        Assert.Contains($"saved in {Path.Combine(data.Path, "operator.key")}", banner);
        Assert.DoesNotContain(File.ReadAllText(Path.Combine(data.Path, "operator.key")).Trim(), gateway.Output);
    }

    // Proves Logging:Console:FormatterName=json turns every console line into one JSON event with a UTC timestamp.
    [Fact]
    public async Task With_the_json_format_every_line_is_a_json_event_with_a_utc_timestamp()
    {
        using var data = new TempDirectory();
        var settings = EmbeddedSettings(data.Path);
        settings["Logging:Console:FormatterName"] = "json";
        await using var gateway = FleetProcess.Start(BuiltHost.GatewayDll, settings);
        await gateway.WaitUntilAnswersAsync($"http://127.0.0.1:{settings["Fleet:Gateway:HttpPort"]}/readyz", Patience);
        await UntilAsync(() => gateway.Output.Contains("Ready.", StringComparison.Ordinal) ? "" : null, gateway);

        var events = gateway.Output.Split('\n').Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.All(events, e => Assert.EndsWith("Z", e.GetProperty("Timestamp").GetString()));
        var dashboard = Assert.Single(events, e => e.GetProperty("Category").GetString() == "Fleet.Startup"
            && e.GetProperty("Message").GetString()!.StartsWith("Dashboard:", StringComparison.Ordinal));
        Assert.Equal($"http://127.0.0.1:{settings["Fleet:Gateway:HttpPort"]}/", dashboard.GetProperty("State").GetProperty("Url").GetString());
    }

    // Proves --verbose brings back the framework's and Fleet's information events that the default hides.
    [Fact]
    public async Task Verbose_brings_back_the_framework_information_events()
    {
        using var data = new TempDirectory();
        var settings = EmbeddedSettings(data.Path);
        await using var gateway = FleetProcess.Start(BuiltHost.GatewayDll, settings, ["--verbose"]);
        await gateway.WaitUntilAnswersAsync($"http://127.0.0.1:{settings["Fleet:Gateway:HttpPort"]}/readyz", Patience);

        await UntilAsync(() => gateway.Output.Contains("info: Orleans.", StringComparison.Ordinal)
            && gateway.Output.Contains("info: Microsoft.AspNetCore.", StringComparison.Ordinal) ? "" : null, gateway);
    }

    // Proves the silo host is as quiet: a few timestamped lines until it is ready.
    [Fact]
    public async Task A_silo_prints_a_few_timestamped_lines_until_it_is_ready()
    {
        using var data = new TempDirectory();
        var healthPort = FreePort.Next();
        await using var silo = FleetProcess.Start(BuiltHost.SiloDll, new Dictionary<string, string>
        {
            ["Fleet:DataDirectory"] = data.Path,
            ["Fleet:SiloPort"] = FreePort.Next().ToString(),
            ["Fleet:SiloGatewayPort"] = FreePort.Next().ToString(),
            ["Fleet:HealthPort"] = healthPort.ToString(),
        });
        await silo.WaitUntilAnswersAsync($"http://127.0.0.1:{healthPort}/healthz", Patience);
        await UntilAsync(() => silo.Output.Contains("Ready:", StringComparison.Ordinal) ? "" : null, silo);

        var lines = silo.Output.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        Assert.True(lines.Count <= 20, "More than ~20 lines until ready:\n" + silo.Output);
        Assert.All(lines, l => Assert.Matches(LogLine(), l));
    }

    private static Dictionary<string, string> EmbeddedSettings(string dataDirectory) => new()
    {
        ["Fleet:Gateway:Mode"] = "embedded",
        ["Fleet:DataDirectory"] = dataDirectory,
        ["Fleet:SiloPort"] = FreePort.Next().ToString(),
        ["Fleet:SiloGatewayPort"] = FreePort.Next().ToString(),
        ["Fleet:Gateway:HttpPort"] = FreePort.Next().ToString(),
        ["Fleet:Gateway:AgentPort"] = FreePort.Next().ToString(),
        ["Fleet:Gateway:ListenAddress"] = "127.0.0.1",
    };

    private static string? ReadDemoKey(string dataDirectory)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dataDirectory, "demo.json")));
            return json.RootElement.GetProperty("apiKey").GetString();
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null; // not written yet, or being written
        }
    }

    private static async Task<string> UntilAsync(Func<string?> read, FleetProcess process)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (read() is not { } value)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException("Gave up waiting; output so far:\n" + process.Output);
            await Task.Delay(200);
        }
        return read()!;
    }
}
