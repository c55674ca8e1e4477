using System.Diagnostics.CodeAnalysis;
using Fleet.Grains.Devices;
using Fleet.Grains.History;
using Fleet.Grains.Storage;
using Fleet.Hosting.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Fleet.Grains.Tests.Storage;

/// <summary>Fleet's grain storage on both real databases: state round-trips, and ETags keep a stale activation from overwriting.</summary>
public sealed class FleetGrainStorageTests(FleetDatabaseFixture databases) : IClassFixture<FleetDatabaseFixture>
{
    private const string StateName = "sample";
    private static readonly GrainId Grain = GrainId.Create("sample", "s_1");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_written_state_is_read_back_by_the_next_activation(string provider)
    {
        await using var storage = await OpenAsync(provider);
        var first = await storage.ReadAsync(Grain);
        Assert.False(first.RecordExists);
        first.State = new SampleState { Name = "laptop", Count = 3 };
        await storage.Grains.WriteStateAsync(StateName, Grain, first);

        var next = await storage.ReadAsync(Grain);
        Assert.True(next.RecordExists);
        Assert.Equal(("laptop", 3), (next.State.Name, next.State.Count));
        Assert.Equal(first.ETag, next.ETag);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_stale_activation_cannot_overwrite_a_newer_write(string provider)
    {
        await using var storage = await OpenAsync(provider);
        var original = await storage.ReadAsync(Grain);
        original.State.Count = 1;
        await storage.Grains.WriteStateAsync(StateName, Grain, original);
        var stale = await storage.ReadAsync(Grain);
        original.State.Count = 2;
        await storage.Grains.WriteStateAsync(StateName, Grain, original);

        stale.State.Count = 99;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.Grains.WriteStateAsync(StateName, Grain, stale));
        Assert.Equal(2, (await storage.ReadAsync(Grain)).State.Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Of_two_first_writes_only_one_lands(string provider)
    {
        await using var storage = await OpenAsync(provider);
        var a = await storage.ReadAsync(Grain);
        var b = await storage.ReadAsync(Grain);
        a.State.Name = "a";
        b.State.Name = "b";

        var writes = await Task.WhenAll(
            Outcome(storage.Grains.WriteStateAsync(StateName, Grain, a)),
            Outcome(storage.Grains.WriteStateAsync(StateName, Grain, b)));

        Assert.Single(writes, succeeded => succeeded);
        var winner = writes[0] ? "a" : "b";
        Assert.Equal(winner, (await storage.ReadAsync(Grain)).State.Name);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_cleared_state_reads_as_absent_and_a_stale_activation_cannot_bring_it_back(string provider)
    {
        await using var storage = await OpenAsync(provider);
        var current = await storage.ReadAsync(Grain);
        current.State.Name = "old";
        await storage.Grains.WriteStateAsync(StateName, Grain, current);
        var stale = await storage.ReadAsync(Grain);

        await storage.Grains.ClearStateAsync(StateName, Grain, current);

        Assert.False((await storage.ReadAsync(Grain)).RecordExists);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.Grains.WriteStateAsync(StateName, Grain, stale));
        current.State.Name = "new";
        await storage.Grains.WriteStateAsync(StateName, Grain, current);
        Assert.Equal("new", (await storage.ReadAsync(Grain)).State.Name);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Concurrent_writes_of_many_grains_all_land(string provider)
    {
        await using var storage = await OpenAsync(provider);
        var grains = Enumerable.Range(0, 300).Select(i => GrainId.Create("sample", $"s_{i}")).ToList();

        await Task.WhenAll(grains.Select(async (grain, i) =>
        {
            var state = await storage.ReadAsync(grain);
            state.State.Count = i;
            await storage.Grains.WriteStateAsync(StateName, grain, state);
        }));

        var counts = await Task.WhenAll(grains.Select(async grain => (await storage.ReadAsync(grain)).State.Count));
        Assert.Equal(Enumerable.Range(0, 300), counts);
    }

    // Proves a device's history outbox is committed with its state (one commit, never one without the other) and leaves the outbox.
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_device_state_write_carries_its_pending_history_rows_in_its_own_transaction(string provider)
    {
        await using var storage = await OpenAsync(provider);
        var device = GrainId.Create("device", "dev_outbox");
        var state = new DeviceGrainState();
        await storage.Grains.ReadStateAsync("device", device, state);
        state.State.AccountId = "acc_1";
        state.State.PendingHistory.AddRange([Row("dev_outbox", "firewall"), Row("dev_outbox", "diskEncryption")]);

        await storage.Grains.WriteStateAsync("device", device, state);

        Assert.Empty(state.State.PendingHistory);
        var rows = await storage.History.ReadDeviceAsync("dev_outbox", 10);
        Assert.Equal(["diskEncryption", "firewall"], rows.Select(r => r.CheckId).Order(StringComparer.Ordinal));
    }

    // Proves a stale activation's rows go nowhere: its state write is refused, and so are the rows that came with it.
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_refused_state_write_commits_none_of_its_history_rows(string provider)
    {
        await using var storage = await OpenAsync(provider);
        var device = GrainId.Create("device", "dev_stale");
        var current = new DeviceGrainState();
        await storage.Grains.ReadStateAsync("device", device, current);
        var stale = new DeviceGrainState();
        await storage.Grains.ReadStateAsync("device", device, stale);
        await storage.Grains.WriteStateAsync("device", device, current);

        stale.State.PendingHistory.Add(Row("dev_stale", "firewall"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.Grains.WriteStateAsync("device", device, stale));

        Assert.Single(stale.State.PendingHistory);
        Assert.Empty(await storage.History.ReadDeviceAsync("dev_stale", 10));
    }

    private static HistoryEntry Row(string deviceId, string checkId) =>
        new("acc_1", deviceId, 1, checkId, DateTimeOffset.UnixEpoch, null, "PASS", false, null);

    private static async Task<bool> Outcome(Task write)
    {
        try
        {
            await write;
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    private async Task<OpenStorage> OpenAsync(string provider)
    {
        var database = new FleetDatabase(await databases.CreateAsync(provider));
        var writer = new GroupCommitWriter(database, NullLogger<GroupCommitWriter>.Instance);
        var serializer = new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));
        return new OpenStorage(writer, new FleetGrainStorage(database, writer, serializer), new AdoNetHistoryStore(database, writer));
    }

    private sealed record OpenStorage(GroupCommitWriter Writer, FleetGrainStorage Grains, AdoNetHistoryStore History) : IAsyncDisposable
    {
        public async Task<SampleGrainState> ReadAsync(GrainId grain)
        {
            var state = new SampleGrainState();
            await Grains.ReadStateAsync(StateName, grain, state);
            return state;
        }

        public ValueTask DisposeAsync() => Writer.DisposeAsync();
    }

    /// <summary>What a grain's persistent state hands the storage: the state, its ETag, whether a record exists.</summary>
    public sealed class SampleGrainState : IGrainState<SampleState>
    {
        private SampleState _state = new();

        [AllowNull]
        public SampleState State { get => _state; set => _state = value ?? new(); }
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }

    public sealed class DeviceGrainState : IGrainState<DeviceState>
    {
        private DeviceState _state = new();

        [AllowNull]
        public DeviceState State { get => _state; set => _state = value ?? new(); }
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }

    public sealed class SampleState
    {
        public string Name { get; set; } = "";
        public int Count { get; set; }
    }
}
