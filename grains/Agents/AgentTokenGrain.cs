using Fleet.Contracts.Agents;
using Fleet.Grains.Hosting;

namespace Fleet.Grains.Agents;

public sealed class AgentTokenGrain(
    [PersistentState("agentToken", FleetSiloExtensions.GrainStorage)] IPersistentState<AgentTokenState> state) : Grain, IAgentTokenGrain
{
    public async Task Assign(AgentTokenOwner owner)
    {
        if (state.State.Owner is { } existing)
        {
            // 256 random bits do not collide; the same assignment again is a retry.
            if (existing.DeviceId != owner.DeviceId || existing.AccountId != owner.AccountId)
                throw new InvalidOperationException("This agent token was already issued to another device.");
            return;
        }
        state.State.Owner = owner;
        await state.WriteStateAsync();
    }

    public Task<AgentTokenOwner?> GetOwner() => Task.FromResult(state.State.Owner);
}

[GenerateSerializer, Alias("fleet.AgentTokenState")]
public sealed class AgentTokenState
{
    [Id(0)]
    public AgentTokenOwner? Owner { get; set; }
}
