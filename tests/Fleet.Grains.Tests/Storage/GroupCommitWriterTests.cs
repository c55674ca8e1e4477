using System.Data.Common;
using Fleet.Grains.Storage;
using Fleet.Hosting.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleet.Grains.Tests.Storage;

/// <summary>The silo's database writer: writes queued together commit together, and a bad one fails alone.</summary>
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
            .Select(i => writer.WriteAsync((connection, transaction) => Execute(connection, transaction,
                i == 50 ? "INSERT INTO no_such_table VALUES (1)" : $"INSERT INTO fleet_device_activity (device_id, account_id) VALUES ('dev_{i}', 'acc_1')")))
            .ToList();

        await Assert.ThrowsAnyAsync<DbException>(() => writes[50]);
        await Task.WhenAll(writes.Where((_, i) => i != 50));
        await using var connection = await database.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM fleet_device_activity";
        Assert.Equal(99L, Convert.ToInt64(await count.ExecuteScalarAsync()));
    }

    private static async Task<int> Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }
}
