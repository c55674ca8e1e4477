using System.Collections.Concurrent;
using System.Diagnostics;

namespace Fleet.Gateway.Tests.Infrastructure;

/// <summary>
/// A gateway or silo started as a real process (`dotnet fleet-*.dll`), its output kept for failure messages.
/// Waits for an HTTP endpoint to answer 200 before the test goes on.
/// </summary>
public sealed class FleetProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private FleetProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output => string.Join(Environment.NewLine, _output);
    public bool HasExited => _process.HasExited;

    /// <param name="arguments">Command-line arguments after the program (e.g. <c>--demo</c>).</param>
    public static FleetProcess Start(string dll, IReadOnlyDictionary<string, string> settings, IReadOnlyList<string>? arguments = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments ?? [])
            start.ArgumentList.Add(argument);
        start.Environment["Logging__LogLevel__Default"] = "Warning"; // a test may ask for more in its settings
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return new FleetProcess(Process.Start(start)!);
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200, the process dies, or the timeout passes.</summary>
    public async Task WaitUntilAnswersAsync(string url, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        using var http = new HttpClient(handler ?? new HttpClientHandler()) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Process exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{url} did not answer within {timeout}:{Environment.NewLine}{Output}");
    }

    /// <summary>kill -9: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGSTOP: still a member of its cluster and its connections open, but it answers nothing (a long pause).</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>SIGCONT after <see cref="Freeze"/>.</summary>
    public void Thaw() => Signal("CONT");

    private void Signal(string signal)
    {
        if (!_process.HasExited)
            Process.Start("kill", [$"-{signal}", _process.Id.ToString()])!.WaitForExit();
    }

    /// <summary>SIGTERM and wait: the host shuts down gracefully.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
            return;
        Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { Kill(); }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
