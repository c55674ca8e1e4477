using Wire = Fleet.Agent.V1;

namespace Fleet.Simulation;

/// <summary>One simulated laptop: who owns it and the facts its agent reports (mutable: the demo breaks and fixes checks).</summary>
public sealed class SimulatedDevice(int index, string ownerEmail, string ownerName, Wire.DeviceFacts facts)
{
    public int Index { get; } = index;
    public string OwnerEmail { get; } = ownerEmail;
    public string OwnerName { get; } = ownerName;
    public Wire.DeviceFacts Facts { get; } = facts;
}
