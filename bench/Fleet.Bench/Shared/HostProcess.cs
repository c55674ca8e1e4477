using System.Collections.Concurrent;
using System.Diagnostics;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Bench.Shared;

/// <summary>
/// A server the benchmarks measure from outside: the built gateway (embedded mode, its own SQLite in a temp folder)
/// or the bare echo server, started as a real process on free loopback ports. Its PID gives its RSS.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public const string OperatorKey = "op_bench-operator-key";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string? _dataDirectory;
    private volatile bool _disposing;

    private HostProcess(Process process, Uri agentAddress, Uri? httpAddress, string? dataDirectory)
    {
        _process = process;
        AgentAddress = agentAddress;
        HttpAddress = httpAddress;
        _dataDirectory = dataDirectory;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) =>
        {
            if (!_disposing)
                Console.Error.WriteLine($"!! server {process.Id} exited with {process.ExitCode} while in use; its output: {LogPath}");
        };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    /// <summary>The server's CPU time so far (all its threads): per-report costs that move little with the machine's load.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }
    public Uri AgentAddress { get; }
    /// <summary>The REST/SignalR address (gateway only).</summary>
    public Uri? HttpAddress { get; }
    public string? DataDirectory => _dataDirectory;
    public string LastOutput => string.Join(Environment.NewLine, _output);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The build configuration this benchmark was built with; the servers must be built the same way.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string Built(string project, string file)
    {
        var path = Path.Combine(RepositoryRoot, project, "bin", Configuration, "net10.0", file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first: dotnet build -c {Configuration} {project}", path);
    }

    /// <summary>An embedded-mode gateway on a fresh data folder. Extra settings override the defaults (e.g. the report rate limit).</summary>
    public static async Task<HostProcess> StartGatewayAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "fleet-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(data);
        var http = FreePort.Next();
        var agent = FreePort.Next();
        var settings = new Dictionary<string, string>
        {
            ["Fleet:Gateway:Mode"] = "embedded",
            ["Fleet:DataDirectory"] = data,
            ["Fleet:SiloPort"] = FreePort.Next().ToString(),
            ["Fleet:SiloGatewayPort"] = FreePort.Next().ToString(),
            ["Fleet:OperatorKey"] = OperatorKey,
            ["Fleet:Gateway:HttpPort"] = http.ToString(),
            ["Fleet:Gateway:AgentPort"] = agent.ToString(),
            ["Fleet:Gateway:ListenAddress"] = "127.0.0.1",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            settings[key] = value;
        var host = new HostProcess(Start(Built("gateway", "fleet-gateway.dll"), [], settings),
            new Uri($"http://127.0.0.1:{agent}"), new Uri($"http://127.0.0.1:{http}"), data);
        await host.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{http}/readyz"));
        return host;
    }

    /// <summary>The bare Kestrel + gRPC echo server (bench/Fleet.Bench.EchoServer).</summary>
    public static async Task<HostProcess> StartEchoAsync()
    {
        var port = FreePort.Next();
        var host = new HostProcess(Start(Built("bench/Fleet.Bench.EchoServer", "fleet-bench-echo.dll"), ["--port", port.ToString()], new Dictionary<string, string>()),
            new Uri($"http://127.0.0.1:{port}"), null, null);
        await host.WaitUntilReadyAsync(null);
        return host;
    }

    private static Process Start(string dll, string[] arguments, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // "Application is shutting down..." tells a stop signal from a crash.
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        return Process.Start(start)!;
    }

    private async Task WaitUntilReadyAsync(Uri? readyz)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}:{Environment.NewLine}{LastOutput}");
            try
            {
                if (readyz is null)
                {
                    // The echo server's only port is HTTP/2-only: a TCP connect is enough.
                    using var socket = new System.Net.Sockets.TcpClient();
                    await socket.ConnectAsync(AgentAddress.Host, AgentAddress.Port);
                    return;
                }
                using var response = await http.GetAsync(readyz);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The server did not get ready in 120 s:{Environment.NewLine}{LastOutput}");
    }

    /// <summary>Every line the server printed, for post-mortems: /tmp/fleet-bench-server-PID.log.</summary>
    public string LogPath => Path.Combine(Path.GetTempPath(), $"fleet-bench-server-{_process.Id}.log");

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            File.AppendAllText(LogPath, line + Environment.NewLine);
        _output.Enqueue(line);
        while (_output.Count > 200)
            _output.TryDequeue(out _);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Fleet.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Fleet.sln not found above the benchmark's output folder.");
    }

    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
        if (_dataDirectory is not null)
        {
            try { Directory.Delete(_dataDirectory, recursive: true); }
            catch (IOException) { }
        }
    }
}
