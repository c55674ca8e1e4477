using System.Text.Json;
using Fleet.Contracts.Graph;
using static Fleet.Grains.Tests.Graph.GraphClusterFixture;

namespace Fleet.Grains.Tests.Graph;

/// <summary>Own fixture: these tests restart the silo.</summary>
public sealed class GraphCrashRecoveryTests : IAsyncLifetime
{
    private readonly GraphClusterFixture fixture = new();

    public Task InitializeAsync() => fixture.InitializeAsync();

    public Task DisposeAsync() => fixture.DisposeAsync();

    private const string Question = "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE";

    private static async Task SeedAsync(IGraphWriterGrain writer, string account)
    {
        var outcome = await writer.Apply(account, Write(
            [
                Entity("person:ann@acme.test", "Person", "fleet_person", "Ann"),
                Entity("device:d1", "Device", "fleet_device", "ann-mac"),
                Entity("agent:d1", "HostAgent", "fleet_agent", "agent d1", ("compliant", false)),
            ],
            [Edge("person:ann@acme.test", "OWNS", "device:d1"), Edge("agent:d1", "MONITORS", "device:d1")]));
        Assert.True(outcome.Succeeded);
    }

    private static string Canonical(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    [Fact]
    public async Task After_a_silo_restart_the_partitions_reload_their_rows_and_answer_the_same()
    {
        var account = NewAccount();
        await SeedAsync(fixture.Writer, account);
        var before = await fixture.QueryAsync(account, Question);

        await fixture.RestartAsync();
        var after = await fixture.QueryAsync(account, Question);

        Assert.Contains("agent d1", before);
        Assert.Equal(Canonical(before), Canonical(after));
    }

    [Fact]
    public async Task After_a_restart_keys_keep_their_ids_so_an_upsert_updates_instead_of_duplicating()
    {
        var account = NewAccount();
        await SeedAsync(fixture.Writer, account);

        await fixture.RestartAsync();
        var outcome = await fixture.Writer.Apply(account, Write([Entity("agent:d1", "HostAgent", "fleet_agent", "agent d1", ("compliant", true))]));

        Assert.Equal(new GraphWriteCounts(0, 1, 0, 0, 0), outcome.Counts);
        var answer = await fixture.QueryAsync(account, "FIND HostAgent AS a RETURN COUNT(a)");
        Assert.Equal("""{"type":"table","data":[{"COUNT(a)":1}]}""", answer);
    }

    [Fact]
    public async Task System_entities_republished_after_a_restart_converge_with_the_reloaded_rows()
    {
        var account = NewAccount();
        await SeedAsync(fixture.Writer, account);
        await fixture.Writer.Publish(account, Write([Entity("agent:d1", "HostAgent", "fleet_agent", "agent d1", ("compliant", true))]));
        // The restart loses whatever was not flushed yet; the owning grain republishes on activation.
        await fixture.RestartAsync();

        await fixture.Writer.Publish(account, Write([Entity("agent:d1", "HostAgent", "fleet_agent", "agent d1", ("compliant", true))],
            [Edge("agent:d1", "MONITORS", "device:d1")]));

        var answer = await fixture.QueryAsync(account, Question);
        Assert.Equal("""{"type":"tree","data":{"vertices":[],"edges":[]}}""", answer);
        var all = await fixture.QueryAsync(account, "FIND HostAgent AS a RETURN a.compliant");
        Assert.Equal("""{"type":"table","data":[{"a.compliant":true}]}""", all);
    }
}
