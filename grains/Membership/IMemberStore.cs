using Fleet.Contracts.Accounts;

namespace Fleet.Grains.Membership;

/// <summary>Rows of <c>fleet_account_members</c>: one per member, so adding a member never rewrites a partition.</summary>
public interface IMemberStore
{
    Task<IReadOnlyList<string>> LoadAsync(string accountId, MemberKind kind, int partition, CancellationToken cancellationToken = default);

    /// <summary>Adds a member; adding an existing one is a no-op.</summary>
    Task AddAsync(string accountId, MemberKind kind, int partition, string memberId, CancellationToken cancellationToken = default);

    /// <summary>Adds members in one write; existing ones are skipped.</summary>
    Task AddAllAsync(string accountId, MemberKind kind, int partition, IReadOnlyList<string> memberIds, CancellationToken cancellationToken = default);
}
