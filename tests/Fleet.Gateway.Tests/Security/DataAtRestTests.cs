using System.Net;
using Fleet.Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Fleet.Gateway.Tests.Security;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix file modes
public sealed class DataAtRestTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // Proves a fresh data folder and everything the gateway keeps in it are readable by the service's user only: the
    // folder and the outbox 0700; fleet.db, its -wal and -shm, the generated operator.key, demo.json and the invite
    // e-mails 0600 (the test process's umask would otherwise leave them 0755/0644).
    [Fact]
    public async Task The_data_folder_and_every_file_in_it_are_owner_only()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data, new Dictionary<string, string>
        {
            ["Fleet:OperatorKey"] = "",
            ["Fleet:Demo:Enabled"] = "true",
            ["Fleet:Demo:Agents"] = "2",
        });
        var outbox = Path.Combine(data, "outbox");
        await UntilAsync(() => File.Exists(Path.Combine(data, "demo.json")) && Directory.Exists(outbox) && Directory.GetFiles(outbox).Length > 0
                               && File.Exists(Path.Combine(data, "fleet.db-wal")) && File.Exists(Path.Combine(data, "fleet.db-shm")),
            "demo.json, outbox mail and the SQLite WAL", gateway);

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(data));
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(outbox));
        string[] files = ["fleet.db", "fleet.db-wal", "fleet.db-shm", "operator.key", "demo.json"];
        Assert.All(files.Select(f => Path.Combine(data, f)).Concat(Directory.GetFiles(outbox)),
            path => Assert.True(File.GetUnixFileMode(path) == OwnerOnlyFile, $"{path} is {File.GetUnixFileMode(path)}"));
    }

    // Proves /readyz, which anyone may call as often as they like, does not write to storage on each call: twenty probes
    // change the probe's stored row at most once.
    [Fact]
    public async Task Readiness_probes_do_not_write_to_storage_on_every_call()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        using var client = gateway.CreateClient();
        var before = await ProbeVersionAsync(data.Path);

        for (var i = 0; i < 20; i++)
        {
            using var ready = await client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        Assert.InRange(await ProbeVersionAsync(data.Path) - before, 0, 1);
    }

    // Proves a failing /readyz answers 503 without the exception's text: with PostgreSQL stopped, a silo's answer names
    // neither the driver, nor the database's address, nor an exception type.
    [Fact]
    public async Task Readiness_failure_does_not_echo_the_exception()
    {
        await using var cluster = await ClusterTopology.StartAsync(silos: 1, gateways: 0, clusterId: "readyz-" + Guid.NewGuid().ToString("N")[..8]);
        var healthPort = cluster.SiloHealthPorts[0];
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{healthPort}"), Timeout = TimeSpan.FromSeconds(60) };

        cluster.Postgres.StopServer();
        using var notReady = await client.GetAsync("/readyz");
        var body = await notReady.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.DoesNotContain("Npgsql", body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain(cluster.Postgres.Port.ToString(), body);
    }

    private static async Task<long> ProbeVersionAsync(string dataDirectory)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "fleet.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(sum(version), 0) FROM fleet_grain_state WHERE state_name = 'storageProbe'";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task UntilAsync(Func<bool> condition, string what, GatewayProcess gateway)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No {what} within {Patience}:{Environment.NewLine}{gateway.Output}");
            await Task.Delay(200);
        }
    }
}
