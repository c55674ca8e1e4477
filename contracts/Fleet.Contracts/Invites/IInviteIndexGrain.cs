namespace Fleet.Contracts.Invites;

/// <summary>
/// One partition of an account's invite list, keyed <c>{accountId}/{partition}</c> (see <see cref="InviteIndex"/>).
/// The list exists so <c>GET /invites</c> never scans storage; each partition is bounded and forgets
/// invites 30 days after they were used or expired.
/// </summary>
public interface IInviteIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds invites (one storage write for the whole batch).</summary>
    Task Add(IReadOnlyList<InviteInfo> invites);

    /// <summary>Records that an invite enrolled a device.</summary>
    Task MarkUsed(string inviteId, string deviceId, DateTimeOffset usedOn);

    [ReadOnly]
    Task<IReadOnlyList<InviteInfo>> List();

    /// <summary>Invites of this partition still pending at the partition's clock.</summary>
    [ReadOnly]
    Task<int> CountPending();
}
