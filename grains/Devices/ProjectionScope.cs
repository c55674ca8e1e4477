namespace Fleet.Grains.Devices;

/// <summary>
/// How much of a device's graph entities a projection must write. The person and the relationships (Person OWNS Device,
/// HostAgent MONITORS Device, Account HAS …) are the same for the life of an enrolment, so once a complete projection went
/// through, later ones only rewrite the entities whose properties moved: a report with new facts then costs the graph two
/// entity writes instead of three entities and four relationships (docs/benchmarks.md, "Reports per second").
/// </summary>
public enum ProjectionScope
{
    /// <summary>Every entity and relationship: an activation's first projection, and the one after the graph missed some.</summary>
    Complete,

    /// <summary>New facts, connectivity or results: the Device and the HostAgent.</summary>
    DeviceAndAgent,

    /// <summary>Only the results moved (a re-evaluation): the HostAgent alone. The Device's <c>lastSeenOn</c> waits for the next
    /// projection that writes the Device, as it does between changes anyway.</summary>
    Agent,
}
