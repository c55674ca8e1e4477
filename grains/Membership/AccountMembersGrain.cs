using Fleet.Contracts.Accounts;

namespace Fleet.Grains.Membership;

/// <summary>
/// One directory partition (<c>acc_…/devices/17</c>). No grain state: members are rows, loaded into memory on
/// activation, so a silo crash loses nothing and the partition converges by reloading.
/// </summary>
public sealed class AccountMembersGrain(IMemberStore store) : Grain, IAccountMembersGrain
{
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _snapshot;
    private string _accountId = "";
    private MemberKind _kind;
    private int _partition;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString().Split('/');
        if (key.Length != 3 || !int.TryParse(key[2], out _partition) || key[1] is not ("devices" or "persons"))
            throw new ArgumentException($"'{this.GetPrimaryKeyString()}' is not a membership partition key (acc_…/devices|persons/n).");
        _accountId = key[0];
        _kind = key[1] == "devices" ? MemberKind.Device : MemberKind.Person;
        foreach (var id in await store.LoadAsync(_accountId, _kind, _partition, cancellationToken)) _members.Add(id);
    }

    public async Task Add(string memberId)
    {
        if (_members.Contains(memberId)) return;
        await store.AddAsync(_accountId, _kind, _partition, memberId);
        _members.Add(memberId);
        _snapshot = null;
    }

    public async Task AddAll(IReadOnlyList<string> memberIds)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        var added = memberIds.Where(id => !_members.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        if (added.Count == 0) return;
        await store.AddAllAsync(_accountId, _kind, _partition, added);
        _members.UnionWith(added);
        _snapshot = null;
    }

    public Task<bool> Contains(string memberId) => Task.FromResult(_members.Contains(memberId));

    public Task<IReadOnlyList<string>> GetMembers() => Task.FromResult(_snapshot ??= [.. _members.Order(StringComparer.Ordinal)]);
}
