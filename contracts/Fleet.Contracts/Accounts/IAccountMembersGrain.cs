namespace Fleet.Contracts.Accounts;

/// <summary>
/// One directory partition of an account's devices or persons, keyed by <see cref="AccountMembers.GrainKey"/>.
/// Members are stored as rows (one insert per new member), held in memory while active.
/// </summary>
public interface IAccountMembersGrain : IGrainWithStringKey
{
    /// <summary>Adds a member; writes only when it was not a member yet.</summary>
    Task Add(string memberId);

    /// <summary>Adds members in one write (those not members yet).</summary>
    Task AddAll(IReadOnlyList<string> memberIds);

    [ReadOnly]
    Task<bool> Contains(string memberId);

    [ReadOnly]
    Task<IReadOnlyList<string>> GetMembers();
}
