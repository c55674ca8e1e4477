namespace Fleet.Contracts.Agents;

/// <summary>
/// Maps an agent token to the device it was issued to. Keyed by <see cref="AgentTokens.GrainKey"/> (a hash):
/// the token itself is never stored. Whether the token is still the device's current one is the device
/// grain's answer (re-enrollment issues a new token and the old one stops working).
/// </summary>
public interface IAgentTokenGrain : IGrainWithStringKey
{
    Task Assign(AgentTokenOwner owner);

    /// <summary>The device and account the token was issued for, or null for a token never issued.</summary>
    [ReadOnly]
    Task<AgentTokenOwner?> GetOwner();
}

[GenerateSerializer, Immutable, Alias("fleet.AgentTokenOwner")]
public sealed record AgentTokenOwner(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] DateTimeOffset IssuedOn);
