using Fleet.Compliance.Facts;
using Fleet.Grains.Accounts;
using Fleet.Grains.Devices;
using Fleet.Grains.Graph;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static Fleet.Grains.Tests.Graph.GraphClusterFixture;

namespace Fleet.Grains.Tests.Graph;

public sealed class GraphDeviceProjectionSinkTests(GraphClusterFixture fixture) : IClassFixture<GraphClusterFixture>
{
    private static DeviceProjection Projection(string account, bool compliant, Fact encryption) => new(
        account, "dev_1", "per_1", "Ann@Acme.test",
        new DeviceFacts { Platform = Platform.Darwin, Hostname = "ann-mac", OsName = "macOS", OsVersion = "14.5", AgentVersion = "1.2.0", DiskEncryption = encryption },
        compliant ? "PASS" : "FAIL", compliant, compliant ? [] : ["diskEncryption"], Online: true,
        new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    private IDeviceProjectionSink Sink => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IDeviceProjectionSink>();

    private IAccountProjectionSink AccountSink => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IAccountProjectionSink>();

    // The silo's projection sink is the graph writer, and a projected device answers the seed question.
    [Fact]
    public async Task A_projected_device_appears_as_person_device_and_agent_with_their_relationships()
    {
        var account = NewAccount();

        await Sink.OnDeviceProjectedAsync(Projection(account, compliant: false, Fact.Off()));

        var answer = await fixture.QueryAsync(account, "FIND Person AS p THAT OWNS Device AS d THAT MONITORS HostAgent WITH compliant=false AS a RETURN p._key, d.encrypted, d.platform, a.failing");
        Assert.Equal("""{"type":"table","data":[{"p._key":"person:ann@acme.test","d.encrypted":false,"d.platform":"darwin","a.failing":["diskEncryption"]}]}""", answer);
    }

    // docs/graph.md: Account HAS Person|Device, with the account's own properties on its entity.
    [Fact]
    public async Task A_projected_account_has_its_devices_and_their_owners()
    {
        var account = NewAccount();
        await AccountSink.OnAccountProjectedAsync(new AccountProjection(account, "Acme", 3600, 2));

        await Sink.OnDeviceProjectedAsync(Projection(account, compliant: false, Fact.Off()));

        var devices = await fixture.QueryAsync(account, "FIND Account WITH name='Acme' AS a THAT HAS Device AS d RETURN a.policyVersion, a.scanIntervalSeconds, d._key");
        Assert.Equal("""{"type":"table","data":[{"a.policyVersion":2,"a.scanIntervalSeconds":3600,"d._key":"device:dev_1"}]}""", devices);
        var persons = await fixture.QueryAsync(account, "FIND Account THAT HAS Person AS p RETURN p.email");
        Assert.Equal("""{"type":"table","data":[{"p.email":"ann@acme.test"}]}""", persons);
    }

    // A fact that became unknown disappears (the system replaces its own part of the entity), while API additions stay.
    [Fact]
    public async Task A_republished_device_replaces_its_system_properties_and_keeps_api_added_ones()
    {
        var account = NewAccount();
        await Sink.OnDeviceProjectedAsync(Projection(account, compliant: false, Fact.On()));
        var apiWrite = await fixture.Writer.Apply(account, Write([Entity("device:dev_1", "Device", "fleet_device", "ann-mac", ("assetTag", "A-17"))]));

        await Sink.OnDeviceProjectedAsync(Projection(account, compliant: true, Fact.Unknown("no permission")));

        Assert.True(apiWrite.Succeeded);
        var answer = await fixture.QueryAsync(account, "FIND Device AS d THAT MONITORS HostAgent AS a RETURN d.encrypted, d.assetTag, d.hostname, a.compliant");
        Assert.Equal("""{"type":"table","data":[{"d.encrypted":null,"d.assetTag":"A-17","d.hostname":"ann-mac","a.compliant":true}]}""", answer);
    }

    // A re-evaluation's projection (results only) rewrites the HostAgent alone: the Device keeps what its last complete
    // projection wrote, here encrypted=false although the projection carries facts that say otherwise.
    [Fact]
    public async Task A_results_only_projection_changes_the_agent_and_leaves_the_device_and_person_as_they_were()
    {
        var account = NewAccount();
        await Sink.OnDeviceProjectedAsync(Projection(account, compliant: false, Fact.Off()));

        await Sink.OnDeviceProjectedAsync(Projection(account, compliant: true, Fact.On()) with { Scope = ProjectionScope.Agent, PersonEmail = "bob@acme.test" });

        var answer = await fixture.QueryAsync(account, "FIND Person AS p THAT OWNS Device AS d THAT MONITORS HostAgent AS a RETURN p.email, d.encrypted, a.compliant, a.failing");
        Assert.Equal("""{"type":"table","data":[{"p.email":"ann@acme.test","d.encrypted":false,"a.compliant":true,"a.failing":[]}]}""", answer);
    }

    // New facts rewrite the Device and the HostAgent; the person and the relationships stay as the complete projection
    // wrote them (here the projection names another person, who is not created or linked).
    [Fact]
    public async Task A_device_and_agent_projection_changes_those_two_and_leaves_the_person_and_relationships_as_they_were()
    {
        var account = NewAccount();
        await Sink.OnDeviceProjectedAsync(Projection(account, compliant: false, Fact.Off()));

        await Sink.OnDeviceProjectedAsync(Projection(account, compliant: true, Fact.On()) with { Scope = ProjectionScope.DeviceAndAgent, PersonEmail = "bob@acme.test" });

        var answer = await fixture.QueryAsync(account, "FIND Person AS p THAT OWNS Device AS d THAT MONITORS HostAgent AS a RETURN p.email, d.encrypted, a.compliant");
        Assert.Equal("""{"type":"table","data":[{"p.email":"ann@acme.test","d.encrypted":true,"a.compliant":true}]}""", answer);
        Assert.Equal("""{"type":"table","data":[{"p._key":"person:ann@acme.test"}]}""", await fixture.QueryAsync(account, "FIND Person AS p RETURN p._key"));
    }

    [Fact]
    public async Task The_api_cannot_delete_or_overwrite_the_compliance_of_an_agent_backed_entity()
    {
        var account = NewAccount();
        await Sink.OnDeviceProjectedAsync(Projection(account, compliant: false, Fact.Off()));

        var delete = await fixture.Writer.Apply(account, Write(deleteEntities: ["agent:dev_1"]));
        var overwrite = await fixture.Writer.Apply(account, Write([Entity("agent:dev_1", "HostAgent", "fleet_agent", "x", ("compliant", true), ("online", false))]));

        Assert.Equal(["deleteEntities[0]"], delete.Errors.Select(e => e.Path));
        Assert.Equal(["entities[0].properties.compliant", "entities[0].properties.online"], overwrite.Errors.Select(e => e.Path));
    }
}
