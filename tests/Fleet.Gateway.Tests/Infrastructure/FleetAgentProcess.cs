using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Fleet.Gateway.Tests.Infrastructure;

/// <summary>
/// The real <c>fleet-agent</c> CLI (the built agent-grpc output) with its own configuration folder. Its desktop is a
/// KDE session whose <c>kscreenlockerrc</c> lives in a temp folder, so a test can change one fact (the screen-lock
/// timeout) between scans without touching this machine's settings; every other fact is this machine's.
/// </summary>
public sealed partial class FleetAgentProcess : IDisposable
{
    private readonly TempDirectory _home = new();

    public string ConfigDirectory => Path.Combine(_home.Path, "agent");
    public string QueueDirectory => Path.Combine(ConfigDirectory, "queue");
    private string XdgConfigHome => Path.Combine(_home.Path, "xdg");

    public FleetAgentProcess() => Directory.CreateDirectory(XdgConfigHome);

    /// <summary>KDE's screen lock after <paramref name="minutes"/> (plus KDE's 5 s grace): the next scan reports minutes × 60 + 5 s.</summary>
    public void SetScreenLockMinutes(int minutes) =>
        File.WriteAllText(Path.Combine(XdgConfigHome, "kscreenlockerrc"), $"[Daemon]\nAutolock=true\nTimeout={minutes}\nLockGrace=5\n");

    /// <summary>Reports on disk that the server has not acknowledged yet.</summary>
    public int QueuedReports => Directory.Exists(QueueDirectory) ? Directory.GetFiles(QueueDirectory, "*.json").Length : 0;

    /// <summary>Runs a command to its end (enroll, status, scan): exit code and everything it printed.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunToEndAsync(params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"fleet-agent {string.Join(' ', arguments)} did not finish: {await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary><c>fleet-agent enroll</c> against <paramref name="gateway"/>'s agent port; returns the device id.</summary>
    /// <param name="options">More options, e.g. <c>--ca-file PATH</c>.</param>
    public async Task<string> EnrollAsync(GatewayProcess gateway, string code, params string[] options)
    {
        var (exitCode, stdout, stderr) = await RunToEndAsync(["enroll", "--server", gateway.AgentAddress.ToString().TrimEnd('/'), "--code", code, .. options]);
        if (exitCode != 0)
            throw new InvalidOperationException($"fleet-agent enroll exited {exitCode}: {stdout}{stderr}");
        return EnrolledDevice().Match(stdout) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"fleet-agent enroll printed no device id: {stdout}");
    }

    /// <summary>Starts <c>fleet-agent run</c> in the background.</summary>
    public Running Run() => new(Process.Start(StartInfo(["run"]))!);

    private ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _home.Path,
        };
        start.ArgumentList.Add(BuiltHost.AgentDll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--config-dir");
        start.ArgumentList.Add(ConfigDirectory);
        start.Environment["XDG_CONFIG_HOME"] = XdgConfigHome;
        start.Environment["XDG_CURRENT_DESKTOP"] = "KDE";
        start.Environment.Remove("DISPLAY");
        start.Environment.Remove("WAYLAND_DISPLAY");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return start;
    }

    public void Dispose() => _home.Dispose();

    [GeneratedRegex(@"Enrolled as device (dev_[0-9a-f]+)")]
    private static partial Regex EnrolledDevice();

    /// <summary>A running <c>fleet-agent run</c>: its log lines, awaited as signals (never slept for).</summary>
    public sealed class Running : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly Lock _gate = new();
        private readonly ConcurrentBag<(Func<string, bool> Match, int From, TaskCompletionSource<string> Found)> _waiters = [];

        internal Running(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Output
        {
            get
            {
                lock (_gate)
                    return string.Join(Environment.NewLine, _lines);
            }
        }

        /// <summary>How many lines it has printed so far: pass it as <c>from</c> to wait only for what comes next.</summary>
        public int Position
        {
            get
            {
                lock (_gate)
                    return _lines.Count;
            }
        }

        /// <summary>Index of the first line at or after <paramref name="from"/> containing <paramref name="text"/>, or -1.</summary>
        public int IndexOf(string text, int from = 0)
        {
            lock (_gate)
            {
                for (var i = from; i < _lines.Count; i++)
                    if (_lines[i].Contains(text, StringComparison.Ordinal))
                        return i;
                return -1;
            }
        }

        public int Count(string text)
        {
            lock (_gate)
                return _lines.Count(l => l.Contains(text, StringComparison.Ordinal));
        }

        /// <summary>Waits for a line (at or after line <paramref name="from"/>) containing <paramref name="text"/>.</summary>
        public async Task<string> WaitForLineAsync(string text, TimeSpan timeout, int from = 0)
        {
            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            Func<string, bool> match = line => line.Contains(text, StringComparison.Ordinal);
            lock (_gate)
            {
                for (var i = from; i < _lines.Count; i++)
                    if (match(_lines[i]))
                        return _lines[i];
                _waiters.Add((match, from, found));
            }
            try
            {
                return await found.Task.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"fleet-agent printed no line containing '{text}' within {timeout}:{Environment.NewLine}{Output}");
            }
        }

        private void Add(string? line)
        {
            if (line is null)
                return;
            lock (_gate)
            {
                _lines.Add(line);
                foreach (var waiter in _waiters)
                    if (_lines.Count - 1 >= waiter.From && waiter.Match(line))
                        waiter.Found.TrySetResult(line);
            }
        }

        /// <summary>SIGTERM, as a service manager stops it; killed if it has not ended after 30 s.</summary>
        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { await _process.WaitForExitAsync(timeout.Token); }
                catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
            }
            _process.Dispose();
        }
    }
}
