using Fleet.Contracts.Invites;
using Fleet.Silo.Hosting;

namespace Fleet.Silo.Invites;

public sealed partial class InviteGrain(
    [PersistentState("invite", FleetSiloExtensions.GrainStorage)] IPersistentState<InviteState> state,
    TimeProvider time,
    ILogger<InviteGrain> logger) : Grain, IInviteGrain
{
    public async Task<InviteInfo> Create(string accountId, string email, TimeSpan lifetime)
    {
        if (state.State.Invite is not null)
            throw new InvalidOperationException("This invite already exists.");
        var now = time.GetUtcNow();
        state.State.Invite = new InviteInfo(this.GetPrimaryKeyString(), accountId, email, now, now + lifetime);
        await state.WriteStateAsync();
        return state.State.Invite;
    }

    public Task<InviteInfo?> Get() => Task.FromResult(state.State.Invite);
}

public sealed class InviteState
{
    public InviteInfo? Invite { get; set; }

    /// <summary>The machine id of the device that used the invite: the same machine may redeem it again.</summary>
    public string? MachineId { get; set; }
}
