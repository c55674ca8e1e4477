using System.Security.Cryptography;
using System.Text;

namespace Fleet.Contracts.Invites;

/// <summary>Where an invite lives in its account's list: a stable hash of the address picks one of a fixed number of partitions.</summary>
public static class InviteIndex
{
    public const int Partitions = 8;

    /// <summary>Per partition, entries kept at most (oldest finished ones are dropped first).</summary>
    public const int MaxEntriesPerPartition = 5_000;

    /// <summary>Used and expired invites stay listed this long, then are forgotten.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public static int PartitionOf(string email) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(email.ToLowerInvariant()))[0] % Partitions;

    public static string GrainKey(string accountId, int partition) => $"{accountId}/{partition}";

    public static IEnumerable<string> AllGrainKeys(string accountId) =>
        Enumerable.Range(0, Partitions).Select(p => GrainKey(accountId, p));
}
