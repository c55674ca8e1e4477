using Fleet.Contracts.Agents;
using Fleet.Contracts.Devices;
using Fleet.Contracts.Invites;
using Fleet.Silo.Hosting;

namespace Fleet.Silo.Invites;

/// <summary>
/// One invite. Redeeming it is the enrollment: the grain's turn-based execution means two machines
/// racing one code are served one after the other, and only the first wins.
/// </summary>
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

    public async Task<Enrollment> Redeem(EnrollmentRequest request)
    {
        var invite = state.State.Invite;
        if (invite is null)
            return new Enrollment(EnrollmentOutcome.UnknownCode);
        var machineId = request.Facts.MachineId.Trim();
        if (machineId.Length == 0)
            throw new ArgumentException("An enrolling device must report its machine id.", nameof(request));

        var now = time.GetUtcNow();
        // Expiry first: an expired invite enrolls nothing, not even the machine that used it before.
        if (now >= invite.ExpiresOn)
            return new Enrollment(EnrollmentOutcome.Expired, invite.AccountId, ExpiredOn: invite.ExpiresOn);
        if (invite.UsedOn is not null && state.State.MachineId != machineId)
        {
            LogUsedByAnother(logger, invite.AccountId, invite.DeviceId);
            return new Enrollment(EnrollmentOutcome.UsedByAnotherDevice, invite.AccountId);
        }

        var accountId = invite.AccountId;
        // Same machine, same account → same device id: a re-enrollment keeps the device's history.
        var deviceId = await GrainFactory.GetGrain<IMachineIdGrain>(MachineIds.GrainKey(accountId, machineId)).GetOrAssignDeviceId();
        // Token before device: a token whose device never enrolled is refused at connect (not the device's current token).
        await GrainFactory.GetGrain<IAgentTokenGrain>(AgentTokens.GrainKeyOfHash(request.TokenHash))
            .Assign(new AgentTokenOwner(accountId, deviceId, now));
        var enrolled = await GrainFactory.GetGrain<IDeviceGrain>(deviceId)
            .Enroll(new DeviceEnrollment(accountId, invite.Email, request.TokenHash, request.Facts));

        if (invite.UsedOn is null)
        {
            state.State.Invite = invite = invite with { UsedOn = now, DeviceId = deviceId };
            state.State.MachineId = machineId;
            await state.WriteStateAsync();
        }
        // Idempotent in the index: also repairs it if an earlier redeem stopped right after the write above.
        await GrainFactory.GetGrain<IInviteIndexGrain>(InviteIndex.GrainKey(accountId, InviteIndex.PartitionOf(invite.Email)))
            .MarkUsed(invite.Id, deviceId, invite.UsedOn!.Value);
        LogRedeemed(logger, accountId, deviceId, enrolled.Reenrolled);
        return new Enrollment(EnrollmentOutcome.Enrolled, accountId, deviceId, Reenrolled: enrolled.Reenrolled);
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Invite of {AccountId} enrolled device {DeviceId} (re-enrollment: {Reenrolled})")]
    private static partial void LogRedeemed(ILogger logger, string accountId, string deviceId, bool reenrolled);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Invite of {AccountId} refused: it already enrolled device {DeviceId}, and another machine presented it")]
    private static partial void LogUsedByAnother(ILogger logger, string accountId, string? deviceId);
}

public sealed class InviteState
{
    public InviteInfo? Invite { get; set; }

    /// <summary>The machine id of the device that used the invite: the same machine may redeem it again.</summary>
    public string? MachineId { get; set; }
}
