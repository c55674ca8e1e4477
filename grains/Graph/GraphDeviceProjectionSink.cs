using Fleet.Compliance.Facts;
using Fleet.Contracts.Graph;
using Fleet.Contracts.Push;
using Fleet.Grains.Devices;
using Fleet.Query.Evaluation;

namespace Fleet.Grains.Graph;

/// <summary>
/// Projects a device grain's system entities into the graph: Device <c>device:&lt;id&gt;</c>, HostAgent <c>agent:&lt;id&gt;</c>,
/// the owner Person <c>person:&lt;email&gt;</c>, and <c>Person OWNS Device</c>, <c>HostAgent MONITORS Device</c>,
/// <c>Account HAS Device</c>, <c>Account HAS Person</c>. Called on every
/// visible change and on the device grain's activation, so partitions that lost unflushed changes in a crash converge.
/// The write is in-memory at the partitions (coalesced to storage), so the device grain's turn stays short.
/// </summary>
public sealed class GraphDeviceProjectionSink(IGrainFactory grains) : IDeviceProjectionSink
{
    // Made once: GetGrain costs reflection and a new proxy per call (GraphGrainReferences), and every projection needs it.
    private IGraphWriterGrain? writer;

    private IGraphWriterGrain Writer => writer ??= grains.GetGrain<IGraphWriterGrain>(0);

    public async ValueTask OnDeviceProjectedAsync(DeviceProjection projection) =>
        await Writer.Publish(projection.AccountId, ToGraph(projection));

    /// <summary>Deletes the device's Device and HostAgent entities (their relationships go with them), then announces the
    /// change so standing queries and alert rules over devices drop it.</summary>
    public async ValueTask OnDeviceRemovedAsync(string accountId, string deviceId, DateTimeOffset at)
    {
        await Writer.Publish(accountId,
            new GraphWriteRequest([], [], [GraphKeys.Device(deviceId), GraphKeys.HostAgent(deviceId)], []));
        await grains.GetGrain<IAccountChangeFeedGrain>(accountId).Publish(new GraphChangedEvent(accountId,
            [new GraphClassType("Device", "fleet_device"), new GraphClassType("HostAgent", "fleet_agent")], at));
    }

    public static GraphWriteRequest ToGraph(DeviceProjection projection)
    {
        var facts = projection.Facts;
        var deviceKey = GraphKeys.Device(projection.DeviceId);
        var agentKey = GraphKeys.HostAgent(projection.DeviceId);
        var displayName = string.IsNullOrEmpty(facts.Hostname) ? projection.DeviceId : facts.Hostname;
        var agent = Agent(projection, agentKey, displayName);
        // A re-evaluation moved only the agent's results: one entity instead of three and four relationships, which were a
        // fifth of a policy change's fan-out (docs/benchmarks.md, "Policy change re-evaluation").
        if (projection.Scope == ProjectionScope.Agent)
        {
            return new GraphWriteRequest([agent], [], [], []);
        }

        var device = new Dictionary<string, PropertyValue>(StringComparer.Ordinal)
        {
            ["deviceId"] = projection.DeviceId,
            ["hostname"] = facts.Hostname,
            ["platform"] = facts.Platform.ToString().ToLowerInvariant(),
            ["osName"] = facts.OsName,
            ["osVersion"] = facts.OsVersion,
        };
        Optional(device, "distro", facts.Distro);
        Optional(device, "osBuild", facts.OsBuild);
        Optional(device, "serial", facts.Serial);
        Optional(device, "model", facts.Model);
        Flag(device, "encrypted", facts.DiskEncryption);
        Flag(device, "firewallEnabled", facts.Firewall);
        Flag(device, "screenLockEnabled", facts.ScreenLock);
        Flag(device, "remoteAccessEnabled", facts.RemoteLogin);
        Flag(device, "autoUpdatesEnabled", facts.AutomaticUpdates);
        if (facts.ScreenIdleSeconds is { State: FactState.On, Value: { } idle })
        {
            device["screenLockTimeout"] = idle;
        }
        if (projection.LastSeenOn is { } seen)
        {
            device["lastSeenOn"] = seen;
        }

        var entities = new List<GraphEntityInput> { new(deviceKey, "Device", "fleet_device", displayName, device), agent };
        if (projection.Scope == ProjectionScope.DeviceAndAgent)
        {
            return new GraphWriteRequest(entities, [], [], []);
        }
        // Account HAS …: linked only once the account has projected itself (GraphAccountProjectionSink); until then the
        // writer skips an edge whose end it does not know.
        var accountKey = GraphKeys.Account(projection.AccountId);
        var relationships = new List<GraphRelationshipInput> { new("MONITORS", agentKey, deviceKey, []), new("HAS", accountKey, deviceKey, []) };
        if (!string.IsNullOrWhiteSpace(projection.PersonEmail))
        {
            var personKey = GraphKeys.Person(projection.PersonEmail);
            var person = new Dictionary<string, PropertyValue>(StringComparer.Ordinal) { ["email"] = projection.PersonEmail.Trim().ToLowerInvariant() };
            Optional(person, "personId", projection.PersonId);
            entities.Insert(0, new GraphEntityInput(personKey, "Person", "fleet_person", projection.PersonEmail.Trim(), person));
            relationships.Add(new GraphRelationshipInput("OWNS", personKey, deviceKey, []));
            relationships.Add(new GraphRelationshipInput("HAS", accountKey, personKey, []));
        }
        return new GraphWriteRequest(entities, relationships, [], []);
    }

    private static GraphEntityInput Agent(DeviceProjection projection, string agentKey, string displayName)
    {
        var agent = new Dictionary<string, PropertyValue>(StringComparer.Ordinal)
        {
            ["agentVersion"] = projection.Facts.AgentVersion,
            ["online"] = projection.Online,
            ["compliant"] = projection.Compliant,
            ["failing"] = PropertyValue.List([.. projection.Failing]),
        };
        Optional(agent, "status", projection.Status);
        if (projection.LastReportOn is { } reported)
        {
            agent["lastReportOn"] = reported;
        }
        return new GraphEntityInput(agentKey, "HostAgent", "fleet_agent", $"fleet-agent on {displayName}", agent);
    }

    private static void Optional(Dictionary<string, PropertyValue> properties, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            properties[name] = value;
        }
    }

    // Tri-state facts: unknown or unsupported is an absent property (so "encrypted != true" finds them too).
    private static void Flag(Dictionary<string, PropertyValue> properties, string name, Fact fact)
    {
        if (fact.State is FactState.On or FactState.Off)
        {
            properties[name] = fact.State == FactState.On;
        }
    }
}
