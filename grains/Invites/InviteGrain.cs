using Fleet.Contracts.Agents;
using Fleet.Contracts.Devices;
using Fleet.Contracts.Invites;
using Fleet.Contracts.Persons;
using Fleet.Grains.Hosting;

namespace Fleet.Grains.Invites;

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
        // Single use: a second redeem, even from the same machine, enrolls nothing (a reinstall needs a new invite).
        if (invite.UsedOn is not null)
        {
            LogAlreadyUsed(logger, invite.AccountId, invite.DeviceId);
            return new Enrollment(EnrollmentOutcome.AlreadyUsed, invite.AccountId);
        }

        var accountId = invite.AccountId;
        // Same person, same machine → same device: a reinstall keeps the device's history. Another person presenting the
        // same machine id gets a device of their own and never touches this one's token (docs/security.md).
        var personId = PersonIds.For(accountId, invite.Email);
        var deviceId = await DeviceIdAsync(accountId, personId, machineId);
        // Token before device: a token whose device never enrolled is refused at connect (not the device's current token).
        await GrainFactory.GetGrain<IAgentTokenGrain>(AgentTokens.GrainKeyOfHash(request.TokenHash))
            .Assign(new AgentTokenOwner(accountId, deviceId, now));
        var enrolled = await GrainFactory.GetGrain<IDeviceGrain>(deviceId)
            .Enroll(new DeviceEnrollment(accountId, invite.Email, request.TokenHash, request.Facts));

        // Spent before success is answered (turns do not interleave, so no second redeem sees it unused). If a step above
        // failed, the invite stays unused and may be tried again: nothing it did belongs to anyone but its person.
        state.State.Invite = invite = invite with { UsedOn = now, DeviceId = deviceId };
        state.State.MachineId = machineId;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IInviteIndexGrain>(InviteIndex.GrainKey(accountId, InviteIndex.PartitionOf(invite.Email)))
            .MarkUsed(invite.Id, deviceId, invite.UsedOn!.Value);
        LogRedeemed(logger, accountId, deviceId, enrolled.Reenrolled);
        return new Enrollment(EnrollmentOutcome.Enrolled, accountId, deviceId, Reenrolled: enrolled.Reenrolled);
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Invite of {AccountId} enrolled device {DeviceId} (re-enrollment: {Reenrolled})")]
    private static partial void LogRedeemed(ILogger logger, string accountId, string deviceId, bool reenrolled);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Invite of {AccountId} refused: it was already used (device {DeviceId})")]
    private static partial void LogAlreadyUsed(ILogger logger, string accountId, string? deviceId);

    /// <summary>
    /// The device of this person's machine: the one keyed by person, else one enrolled before keys named the person
    /// (account-wide key) if its person is this person, else a new one.
    /// </summary>
    private async Task<string> DeviceIdAsync(string accountId, string personId, string machineId)
    {
        var machine = GrainFactory.GetGrain<IMachineIdGrain>(MachineIds.GrainKey(accountId, personId, machineId));
        if (await machine.GetDeviceId() is { } existing)
            return existing;
        var earlier = await GrainFactory.GetGrain<IMachineIdGrain>(MachineIds.AccountWideGrainKey(accountId, machineId)).GetDeviceId();
        if (earlier is not null && (await GrainFactory.GetGrain<IDeviceGrain>(earlier).Get())?.PersonId == personId)
            return await machine.GetOrAdopt(earlier);
        return await machine.GetOrAssignDeviceId();
    }
}

[GenerateSerializer, Alias("fleet.InviteState")]
public sealed class InviteState
{
    [Id(0)]
    public InviteInfo? Invite { get; set; }

    /// <summary>The machine id of the device that used the invite.</summary>
    [Id(1)]
    public string? MachineId { get; set; }
}
