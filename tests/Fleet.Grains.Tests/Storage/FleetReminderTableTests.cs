using Fleet.Grains.Storage;
using Fleet.Hosting;
using Fleet.Hosting.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Fleet.Grains.Tests.Storage;

/// <summary>The embedded silo's Orleans reminder table on a real SQLite file: rows round-trip, hash ranges, ETags.</summary>
public sealed class FleetReminderTableTests(FleetDatabaseFixture databases) : IClassFixture<FleetDatabaseFixture>
{
    private static readonly GrainId Rule = GrainId.Create("alertrule", "acc_1/rule_1");

    // Proves an upserted reminder reads back (by grain and by name) with its grain id, start, period and the ETag the upsert returned.
    [Fact]
    public async Task An_upserted_reminder_reads_back_with_the_etag_the_upsert_returned()
    {
        await using var tables = await OpenAsync();
        var start = new DateTime(2026, 11, 28, 7, 0, 0, 123, DateTimeKind.Utc);

        var etag = await tables.Table.UpsertRow(Entry(Rule, "poll", start, TimeSpan.FromMinutes(15)));

        var row = await tables.Table.ReadRow(Rule, "poll");
        Assert.NotNull(row);
        Assert.Equal((Rule, "poll", start, TimeSpan.FromMinutes(15), etag), (row.GrainId, row.ReminderName, row.StartAt, row.Period, row.ETag));
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        var ofGrain = await tables.Table.ReadRows(Rule);
        Assert.Equal(etag, Assert.Single(ofGrain.Reminders).ETag);
        Assert.Null(await tables.Table.ReadRow(Rule, "other"));
        Assert.Empty((await tables.Table.ReadRows(GrainId.Create("alertrule", "acc_1/rule_2"))).Reminders);
    }

    // Proves a second upsert replaces the row (one row per grain and name) and gives it a new ETag.
    [Fact]
    public async Task Upserting_again_replaces_the_row_and_changes_its_etag()
    {
        await using var tables = await OpenAsync();
        var first = await tables.Table.UpsertRow(Entry(Rule, "poll", DateTime.UtcNow, TimeSpan.FromMinutes(1)));

        var second = await tables.Table.UpsertRow(Entry(Rule, "poll", DateTime.UtcNow, TimeSpan.FromMinutes(5)));

        Assert.NotEqual(first, second);
        var row = Assert.Single((await tables.Table.ReadRows(Rule)).Reminders);
        Assert.Equal((TimeSpan.FromMinutes(5), second), (row.Period, row.ETag));
    }

    // Proves a range read returns the rows whose uniform hash is in (begin, end]: begin excluded, end included, hashes above int.MaxValue too.
    [Fact]
    public async Task A_range_read_returns_the_hashes_after_begin_up_to_and_including_end()
    {
        await using var tables = await OpenAsync();
        var grains = await SpreadAsync(tables.Table);

        var read = await tables.Table.ReadRows(grains[2].Hash, grains[6].Hash);

        Assert.Equal(grains[3..7].Select(g => g.Id), Ids(read));
    }

    // Proves begin >= end wraps around the ring: hashes after begin, and hashes up to end; begin == end is the whole ring.
    [Fact]
    public async Task A_range_read_whose_begin_is_not_below_its_end_wraps_around()
    {
        await using var tables = await OpenAsync();
        var grains = await SpreadAsync(tables.Table);

        var wrapped = await tables.Table.ReadRows(grains[6].Hash, grains[1].Hash);
        var whole = await tables.Table.ReadRows(grains[4].Hash, grains[4].Hash);

        Assert.Equal(grains[7..].Concat(grains[..2]).Select(g => g.Id).OrderBy(id => id.ToString()), Ids(wrapped).OrderBy(id => id.ToString()));
        Assert.Equal(grains.Select(g => g.Id).OrderBy(id => id.ToString()), Ids(whole).OrderBy(id => id.ToString()));
    }

    // Proves a remove naming a stale ETag is refused and keeps the row; the current ETag removes it; a second remove finds nothing.
    [Fact]
    public async Task A_remove_with_a_stale_etag_is_refused_and_the_current_etag_removes_the_row()
    {
        await using var tables = await OpenAsync();
        var stale = await tables.Table.UpsertRow(Entry(Rule, "poll", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        var current = await tables.Table.UpsertRow(Entry(Rule, "poll", DateTime.UtcNow, TimeSpan.FromMinutes(2)));

        Assert.False(await tables.Table.RemoveRow(Rule, "poll", stale!));
        Assert.NotNull(await tables.Table.ReadRow(Rule, "poll"));
        Assert.True(await tables.Table.RemoveRow(Rule, "poll", current!));
        Assert.Null(await tables.Table.ReadRow(Rule, "poll"));
        Assert.False(await tables.Table.RemoveRow(Rule, "poll", current!));
    }

    // Proves the rows belong to the service id: another service on the same file neither reads nor clears them.
    [Fact]
    public async Task Another_service_on_the_same_file_neither_sees_nor_clears_the_rows()
    {
        await using var tables = await OpenAsync();
        await using var other = tables.WithService("other-service");
        await tables.Table.UpsertRow(Entry(Rule, "poll", DateTime.UtcNow, TimeSpan.FromMinutes(1)));

        Assert.Empty((await other.Table.ReadRows(0, 0)).Reminders);
        await other.Table.TestOnlyClearTable();
        Assert.Single((await tables.Table.ReadRows(0, 0)).Reminders);
        await tables.Table.TestOnlyClearTable();
        Assert.Empty((await tables.Table.ReadRows(0, 0)).Reminders);
    }

    /// <summary>Ten grains with reminders, sorted by uniform hash, at least one hash on each side of int.MaxValue.</summary>
    private static async Task<List<(GrainId Id, uint Hash)>> SpreadAsync(FleetReminderTable table)
    {
        var grains = new List<(GrainId Id, uint Hash)>();
        for (var i = 0; grains.Count < 10 || grains.All(g => g.Hash <= int.MaxValue) || grains.All(g => g.Hash > int.MaxValue); i++)
        {
            var id = GrainId.Create("alertrule", $"acc_1/rule_{i}");
            grains.Add((id, id.GetUniformHashCode()));
        }
        grains.Sort((a, b) => a.Hash.CompareTo(b.Hash));
        foreach (var (id, _) in grains)
            await table.UpsertRow(Entry(id, "poll", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        return grains;
    }

    private static List<GrainId> Ids(ReminderTableData data) => [.. data.Reminders.Select(r => r.GrainId).OrderBy(id => id.GetUniformHashCode())];

    private static ReminderEntry Entry(GrainId grain, string name, DateTime start, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = start, Period = period };

    private async Task<OpenTables> OpenAsync() => new(new FleetDatabase(await databases.CreateAsync(FleetStorageOptions.Sqlite)), "fleet-test");

    /// <summary>A table (and its writer) over one SQLite file for one service id.</summary>
    private sealed class OpenTables : IAsyncDisposable
    {
        private readonly FleetDatabase _database;
        private readonly GroupCommitWriter _writer;

        public OpenTables(FleetDatabase database, string serviceId)
        {
            _database = database;
            _writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance);
            Table = new FleetReminderTable(database, _writer, Options.Create(new ClusterOptions { ServiceId = serviceId }));
        }

        public FleetReminderTable Table { get; }

        public OpenTables WithService(string serviceId) => new(_database, serviceId);

        public ValueTask DisposeAsync() => _writer.DisposeAsync();
    }
}
