using System.Data.Common;
using Fleet.Grains.Storage;
using Fleet.Hosting.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Fleet.Grains.Tests.Storage;

/// <summary>
/// The silo's database writer: writes queued together commit together, a bad one fails alone, and its connection stays
/// open with the commands it compiled until a commit fails.
/// </summary>
public sealed class GroupCommitWriterTests(FleetDatabaseFixture databases) : IClassFixture<FleetDatabaseFixture>
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_failing_write_fails_alone_and_the_writes_queued_with_it_land(string provider)
    {
        var database = new FleetDatabase(await databases.CreateAsync(provider));
        await using var writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance);

        var writes = Enumerable.Range(0, 100)
            .Select(i => writer.WriteAsync(transaction => Execute(transaction,
                i == 50 ? "INSERT INTO no_such_table VALUES (1)" : $"INSERT INTO fleet_device_activity (device_id, account_id) VALUES ('dev_{i}', 'acc_1')")))
            .ToList();

        await Assert.ThrowsAnyAsync<DbException>(() => writes[50]);
        await Task.WhenAll(writes.Where((_, i) => i != 50));
        Assert.Equal(99L, await CountAsync(database));
    }

    // The point of keeping the connection: a statement is compiled once per commit loop (one on SQLite, a few on
    // PostgreSQL), and later batches run the same command.
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Later_batches_run_the_commands_the_first_batches_compiled(string provider)
    {
        var database = new FleetDatabase(await databases.CreateAsync(provider));
        await using var writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance);
        const string sql = "INSERT INTO fleet_device_activity (device_id, account_id) VALUES (@device, 'acc_1')";

        var commands = new List<DbCommand>();
        for (var i = 0; i < 12; i++) commands.Add(await writer.WriteAsync(transaction => Insert(transaction, sql, $"dev_{i}")));

        Assert.InRange(commands.Distinct().Count(), 1, database.IsSqlite ? 1 : GroupCommitWriter.PostgresLoops);
        Assert.Equal(12L, await CountAsync(database));
    }

    // A kept command comes back without the parameters an earlier write bound, so a write that forgets one fails instead
    // of storing the earlier write's value.
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_kept_command_comes_back_without_the_earlier_writes_parameters(string provider)
    {
        var database = new FleetDatabase(await databases.CreateAsync(provider));
        await using var writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance);
        const string sql = "INSERT INTO fleet_device_activity (device_id, account_id) VALUES (@device, 'acc_1')";

        for (var i = 0; i < 12; i++)
        {
            var parameters = await writer.WriteAsync(transaction => Task.FromResult(transaction.Command(sql).Parameters.Count));
            Assert.Equal(0, parameters);
            await writer.WriteAsync(transaction => Insert(transaction, sql, $"dev_{i}"));
        }
    }

    // A connection that breaks (a PostgreSQL restart, a closed file) fails its batch; the writer opens a fresh one for the
    // next batch instead of failing every write after it. Twelve breaks, so that on PostgreSQL every commit loop has
    // almost surely lost its connection once.
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Writes_after_the_connection_broke_land_on_a_fresh_connection(string provider)
    {
        var database = new FleetDatabase(await databases.CreateAsync(provider));
        await using var writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance);
        const string sql = "INSERT INTO fleet_device_activity (device_id, account_id) VALUES (@device, 'acc_1')";

        for (var i = 0; i < 12; i++)
        {
            var broken = writer.WriteAsync<int>(async transaction =>
            {
                await transaction.Command(sql).Connection!.CloseAsync();
                throw new InvalidOperationException("The connection was closed under the write.");
            });
            await Assert.ThrowsAnyAsync<InvalidOperationException>(() => broken);
        }
        for (var i = 0; i < 12; i++) await writer.WriteAsync(transaction => Insert(transaction, sql, $"dev_{i}"));

        Assert.Equal(12L, await CountAsync(database));
    }

    // A server that closes connections while they sit idle (a restart, idle_session_timeout) costs no write: a write that
    // fails on a connection kept from an earlier batch is tried once more on a fresh connection.
    [Fact]
    public async Task Writes_after_the_server_closed_the_idle_connections_land()
    {
        var database = new FleetDatabase(await databases.CreateAsync("postgres"));
        await using var writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance);
        const string sql = "INSERT INTO fleet_device_activity (device_id, account_id) VALUES (@device, 'acc_1')";
        for (var i = 0; i < 12; i++) await writer.WriteAsync(transaction => Insert(transaction, sql, $"dev_{i}"));

        await using (var admin = await database.OpenAsync())
        await using (var terminate = admin.CreateCommand())
        {
            terminate.CommandText = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";
            Assert.True(Convert.ToInt64(await terminate.ExecuteScalarAsync()) > 0);
        }
        NpgsqlConnection.ClearAllPools();
        for (var i = 12; i < 24; i++) await writer.WriteAsync(transaction => Insert(transaction, sql, $"dev_{i}"));

        Assert.Equal(24L, await CountAsync(database));
    }

    private static async Task<DbCommand> Insert(BatchTransaction transaction, string sql, string deviceId)
    {
        var command = transaction.Command(sql);
        FleetDatabase.Add(command, "device", deviceId);
        await command.ExecuteNonQueryAsync();
        return command;
    }

    private static async Task<long> CountAsync(FleetDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM fleet_device_activity";
        return Convert.ToInt64(await count.ExecuteScalarAsync());
    }

    private static Task<int> Execute(BatchTransaction transaction, string sql) => transaction.Command(sql).ExecuteNonQueryAsync();
}
