using Fleet.Contracts.Invites;
using Fleet.Grains.Hosting;

namespace Fleet.Grains.Invites;

/// <summary>
/// One partition of an account's invite list. Bounded: entries are forgotten <see cref="InviteIndex.Retention"/>
/// after they were used or expired, and past <see cref="InviteIndex.MaxEntriesPerPartition"/> the oldest finished
/// ones go first. Written once per batch of invites and once per enrollment, never per read.
/// </summary>
public sealed class InviteIndexGrain(
    [PersistentState("inviteIndex", FleetSiloExtensions.GrainStorage)] IPersistentState<InviteIndexState> state,
    TimeProvider time) : Grain, IInviteIndexGrain
{
    public async Task Add(IReadOnlyList<InviteInfo> invites)
    {
        var entries = state.State.Invites;
        foreach (var invite in invites)
        {
            entries.RemoveAll(e => e.Id == invite.Id);
            entries.Add(invite);
        }
        Prune();
        await state.WriteStateAsync();
    }

    public async Task MarkUsed(string inviteId, string deviceId, DateTimeOffset usedOn)
    {
        var entries = state.State.Invites;
        var index = entries.FindIndex(e => e.Id == inviteId);
        if (index < 0 || entries[index].DeviceId == deviceId)
            return;
        entries[index] = entries[index] with { UsedOn = usedOn, DeviceId = deviceId };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<InviteInfo>> List() => Task.FromResult<IReadOnlyList<InviteInfo>>(state.State.Invites.ToList());

    public Task<int> CountPending()
    {
        var now = time.GetUtcNow();
        return Task.FromResult(state.State.Invites.Count(e => e.StatusAt(now) == InviteStatus.Pending));
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        var entries = state.State.Invites;
        entries.RemoveAll(e => FinishedOn(e) is { } finished && now - finished > InviteIndex.Retention);
        var excess = entries.Count - InviteIndex.MaxEntriesPerPartition;
        if (excess <= 0)
            return;
        // Pending invites are the ones people still act on: drop the oldest finished ones first, then the oldest pending.
        var drop = entries
            .OrderBy(e => FinishedOn(e) is null ? 1 : 0)
            .ThenBy(e => e.CreatedOn)
            .Take(excess)
            .Select(e => e.Id)
            .ToHashSet();
        entries.RemoveAll(e => drop.Contains(e.Id));

        DateTimeOffset? FinishedOn(InviteInfo e) => e.UsedOn ?? (e.ExpiresOn <= now ? e.ExpiresOn : null);
    }
}

[GenerateSerializer, Alias("fleet.InviteIndexState")]
public sealed class InviteIndexState
{
    [Id(0)]
    public List<InviteInfo> Invites { get; set; } = [];
}
