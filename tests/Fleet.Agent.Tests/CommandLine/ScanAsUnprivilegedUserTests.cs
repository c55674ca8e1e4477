using System.Diagnostics;
using System.Text.Json;
using Fleet.Agent.Tests.Support;

namespace Fleet.Agent.Tests.CommandLine;

/// <summary>
/// The built agent's `scan`, run the way a laptop runs it: without admin rights. As root (CI), it runs as the
/// user nobody through `runuser`; as anyone else, as that user directly.
/// </summary>
public sealed class ScanAsUnprivilegedUserTests
{
    // What a check says when it failed for lack of rights rather than for what it found.
    private static readonly string[] PermissionWords =
    [
        "permission denied", "not permitted", "access denied", "access is denied", "must be root", "requires root",
        "need to be root", "superuser", "authentication is required", "eacces", "unauthorizedaccess",
    ];

    private static string AgentIn(string folder) => Path.Combine(folder, OperatingSystem.IsWindows() ? "fleet-agent.exe" : "fleet-agent");

    private static async Task<(int ExitCode, string Stdout, string Stderr)> ScanAsync()
    {
        using var config = new TemporaryDirectory();
        using var programs = new TemporaryDirectory();
        var asRoot = OperatingSystem.IsLinux() && Environment.UserName == "root";
        var agent = AgentIn(AppContext.BaseDirectory);
        if (asRoot && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(config.Path, (UnixFileMode)0b111_111_111);
            // The checkout may live where nobody cannot go (CI clones under /root, mode 0700): run a copy from /tmp.
            File.SetUnixFileMode(programs.Path, (UnixFileMode)0b111_101_101);
            foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory))
                File.Copy(file, Path.Combine(programs.Path, Path.GetFileName(file)));
            agent = AgentIn(programs.Path);
        }
        var start = new ProcessStartInfo(asRoot ? "runuser" : agent) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (asRoot ? ["-u", "nobody", "--", agent] : Array.Empty<string>()).Concat(["scan", "--config-dir", config.Path]))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout, await stderr);
    }

    // No check may come back failed (or unknown) because the agent lacked rights: "no admin" is the product's promise.
    [Fact]
    public async Task Scan_AsUnprivilegedUser_NoCheckFailsForAPermissionReason()
    {
        var (exitCode, stdout, stderr) = await ScanAsync();

        Assert.True(exitCode == 0, $"scan exited {exitCode}: {stderr}");
        using var facts = JsonDocument.Parse(stdout);
        var reasons = facts.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("reason", out _))
            .Select(p => (Check: p.Name, Reason: p.Value.GetProperty("reason").GetString() ?? ""))
            .Append((Check: "applications", Reason: facts.RootElement.TryGetProperty("applicationsUnknownReason", out var apps) ? apps.GetString() ?? "" : ""))
            .ToList();
        Assert.Contains(reasons, r => r.Check == "diskEncryption");
        var denied = reasons.Where(r => PermissionWords.Any(w => r.Reason.Contains(w, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(denied.Count == 0, "checks failed for a permission reason: " + string.Join("; ", denied.Select(d => $"{d.Check}: {d.Reason}")));
    }

    // `fleet-agent scan | jq` works: stdout is one JSON document and nothing else; the timing goes to stderr.
    [Fact]
    public async Task Scan_StandardOutput_IsExactlyOneJsonDocument_TimingOnStandardError()
    {
        var (exitCode, stdout, stderr) = await ScanAsync();

        Assert.Equal(0, exitCode);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        Assert.EndsWith("}", stdout.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("Scan took", stdout, StringComparison.Ordinal);
        Assert.Contains("Scan took", stderr, StringComparison.Ordinal);
    }
}
