using System.Text;

namespace Fleet.Contracts.Accounts;

/// <summary>Which kind of member a directory partition lists.</summary>
public enum MemberKind
{
    Device = 0,
    Person = 1,
}

/// <summary>
/// An account's members are spread over <see cref="PartitionCount"/> directory grains per kind, so no
/// grain holds the whole fleet. The partition of an id is a stable FNV-1a hash of its UTF-8 bytes
/// (never string.GetHashCode, which differs between processes).
/// </summary>
public static class AccountMembers
{
    public const int PartitionCount = 64;

    public static int PartitionOf(string memberId)
    {
        ArgumentNullException.ThrowIfNull(memberId);
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(memberId) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(memberId, buffer)]
            : Encoding.UTF8.GetBytes(memberId);
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= prime;
        }
        return (int)(hash % PartitionCount);
    }

    /// <summary><c>acc_…/devices/17</c>, <c>acc_…/persons/3</c>.</summary>
    public static string GrainKey(string accountId, MemberKind kind, int partition) =>
        $"{accountId}/{(kind == MemberKind.Device ? "devices" : "persons")}/{partition}";

    public static IAccountMembersGrain Partition(this IGrainFactory grains, string accountId, MemberKind kind, int partition) =>
        grains.GetGrain<IAccountMembersGrain>(GrainKey(accountId, kind, partition));

    public static IAccountMembersGrain PartitionFor(this IGrainFactory grains, string accountId, MemberKind kind, string memberId) =>
        grains.Partition(accountId, kind, PartitionOf(memberId));

    /// <summary>Every member id of a kind, read from all partitions in parallel.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(this IGrainFactory grains, string accountId, MemberKind kind)
    {
        var parts = await Task.WhenAll(Enumerable.Range(0, PartitionCount).Select(p => grains.Partition(accountId, kind, p).GetMembers()));
        return [.. parts.SelectMany(p => p)];
    }
}
