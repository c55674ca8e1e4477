using Fleet.Contracts.Push;

namespace Fleet.Grains.Push;

/// <summary>
/// Which graph entities a change event touches (docs/graph.md projection: a device is a <c>Device</c> and a
/// <c>HostAgent</c>). <see cref="Properties"/> null means any property may have changed;
/// <see cref="Membership"/> means the entity may have appeared.
/// </summary>
public sealed record ChangeTouch(string Class, string Type, IReadOnlySet<string>? Properties, bool Membership);

public static class ChangeTouches
{
    private static readonly IReadOnlySet<string> Connectivity = new HashSet<string>(StringComparer.Ordinal) { "online", "lastSeenOn" };

    public static IEnumerable<ChangeTouch> Of(FleetEvent change) => change switch
    {
        // New facts may change any device property and the agent's compliance properties.
        DeviceChangedEvent d =>
        [
            new ChangeTouch("HostAgent", "fleet_agent", null, d.OldStatus is null),
            new ChangeTouch("Device", "fleet_device", null, d.OldStatus is null),
        ],
        // Facts only: any device property, and the agent's version.
        DeviceFactsChangedEvent =>
        [
            new ChangeTouch("HostAgent", "fleet_agent", null, false),
            new ChangeTouch("Device", "fleet_device", null, false),
        ],
        AgentConnectivityChangedEvent =>
        [
            new ChangeTouch("HostAgent", "fleet_agent", Connectivity, false),
            new ChangeTouch("Device", "fleet_device", Connectivity, false),
        ],
        // A bulk write may add, change or connect any entity of the classes it touched.
        GraphChangedEvent g => g.Touched.Select(t => new ChangeTouch(t.Class, t.Type, null, true)),
        _ => [],
    };

    /// <summary>Whether standing queries and alert rules consume this event (graph changes, not their own output).</summary>
    public static bool IsGraphChange(FleetEvent change) =>
        change is DeviceChangedEvent or DeviceFactsChangedEvent or AgentConnectivityChangedEvent or GraphChangedEvent;

    /// <summary>Whether dashboards show this event (the others only drive standing queries and alert rules).</summary>
    public static bool IsPushed(FleetEvent change) => change is not (DeviceFactsChangedEvent or GraphChangedEvent);
}
