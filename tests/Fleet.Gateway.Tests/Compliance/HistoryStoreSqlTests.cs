using Fleet.Contracts.Accounts;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Grains.History;
using Fleet.Grains.Membership;
using Fleet.Grains.Storage;
using Fleet.Hosting;
using Fleet.Hosting.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleet.Gateway.Tests.Compliance;

/// <summary>Fleet's own tables and their SQL on both real databases: the same statements must work on SQLite and PostgreSQL.</summary>
public sealed class HistoryStoreSqlTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_stores_work_on_sqlite()
    {
        using var data = new TempDirectory();
        await ExerciseStoresAsync(new FleetStorageOptions
        {
            Provider = FleetStorageOptions.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(data.Path, "fleet.db")};Pooling=False",
        });
    }

    [Fact]
    public async Task The_stores_work_on_postgres()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await ExerciseStoresAsync(new FleetStorageOptions
        {
            Provider = FleetStorageOptions.Postgres,
            ConnectionString = await postgres.CreateDatabaseAsync(),
        });
    }

    private static async Task ExerciseStoresAsync(FleetStorageOptions storage)
    {
        await SchemaMigrator.MigrateAsync(storage);
        await SchemaMigrator.MigrateAsync(storage);   // idempotent
        var database = new FleetDatabase(storage);
        await using var writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance);
        var history = new AdoNetHistoryStore(database, writer);
        const string account = "acc_00000000000000000000000000000001";

        HistoryEntry Entry(string device, long revision, string check, double hours, string? status) =>
            new(account, device, revision, check, T0.AddHours(hours), null, status, false, null);
        var entries = new[] { Entry("dev_a", 1, "firewall", -2, "FAIL"), Entry("dev_a", 2, "firewall", -1, "UNKNOWN"), Entry("dev_a", 3, "firewall", 1, "PASS"), Entry("dev_b", 1, "firewall", 5, "PASS") };
        await history.AppendAsync(entries);
        await history.AppendAsync(entries[..2]);   // a retried append is ignored
        await history.RecordActivityAsync(new DeviceActivity(account, "dev_a", T0.AddHours(2), T0.AddHours(3)));
        await history.RecordActivityAsync(new DeviceActivity(account, "dev_a", T0.AddHours(1), null));   // never moves back

        var period = await history.ReadPeriodAsync(account, T0, T0.AddHours(4));
        Assert.Equal([("dev_a", 2L), ("dev_a", 3L)], period.Select(e => (e.DeviceId, e.Revision)));
        Assert.Equal(T0.AddHours(-1), period[0].At);
        Assert.Equal(3, (await history.ReadDeviceAsync("dev_a", 10)).Count);
        var activity = await history.ReadActivityAsync("dev_a");
        Assert.Equal((T0.AddHours(2), T0.AddHours(3)), (activity!.LastReportOn, activity.LastSeenOn));

        var members = new AdoNetMemberStore(database, writer);
        await members.AddAsync(account, MemberKind.Device, 7, "dev_a");
        await members.AddAsync(account, MemberKind.Device, 7, "dev_a");
        await members.AddAsync(account, MemberKind.Person, 7, "per_a");
        Assert.Equal(["dev_a"], await members.LoadAsync(account, MemberKind.Device, 7));
    }
}
