using System.Diagnostics;
using Npgsql;

namespace Fleet.Gateway.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server from the Debian binaries: initdb in a temp folder, a free loopback port,
/// stopped and deleted at the end. As root it runs the server as the <c>postgres</c> user (the server refuses root).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _binDirectory;
    private readonly string _dataDirectory;
    private readonly bool _asPostgresUser;

    private PostgresServer(string binDirectory, string dataDirectory, int port, bool asPostgresUser)
    {
        _binDirectory = binDirectory;
        _dataDirectory = dataDirectory;
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=5;Command Timeout=30";

    public static async Task<PostgresServer> StartAsync()
    {
        var binDirectory = FindBinDirectory();
        var asPostgresUser = Environment.UserName == "root";
        var root = Path.Combine(Path.GetTempPath(), "fleet-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        if (asPostgresUser)
            Run("chown", ["postgres", root], asPostgresUser: false);
        var dataDirectory = Path.Combine(root, "data");
        var server = new PostgresServer(binDirectory, dataDirectory, FreePort.Next(), asPostgresUser);
        server.RunTool("initdb", ["-D", dataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
        await server.StartServerAsync();
        return server;
    }

    /// <summary>Starts a stopped server again on the same port and data (for outage tests).</summary>
    public async Task StartServerAsync()
    {
        RunTool("pg_ctl", ["-D", _dataDirectory, "-w", "-t", "60", "-l", Path.Combine(_dataDirectory, "..", "server.log"),
            "-o", $"-p {Port} -k {Path.GetDirectoryName(_dataDirectory)} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300", "start"]);
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
    }

    public void StopServer() => RunTool("pg_ctl", ["-D", _dataDirectory, "-m", "fast", "-w", "stop"]);

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "fleet_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public ValueTask DisposeAsync()
    {
        try { StopServer(); }
        catch (InvalidOperationException) { /* already stopped */ }
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true);
        return ValueTask.CompletedTask;
    }

    private void RunTool(string tool, string[] arguments) =>
        Run(Path.Combine(_binDirectory, tool), arguments, _asPostgresUser);

    private static void Run(string file, string[] arguments, bool asPostgresUser)
    {
        var start = asPostgresUser ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. arguments]) : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output.Result}{error.Result}");
    }

    private static string FindBinDirectory()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order()
            : Enumerable.Empty<string>();
        return candidates.LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: apt-get install postgresql (./test.sh does this).");
    }
}
