using System.Security.Cryptography;
using System.Text;

namespace Fleet.Contracts.Graph;

/// <summary>
/// Where a piece of an account's graph lives. Every partition key starts with the account id, so no grain
/// call can reach another account's data. Hashes are FNV-1a over UTF-8: stable across processes and
/// versions (string.GetHashCode is randomised per process and must never decide a partition).
/// </summary>
public static class GraphPartitioning
{
    /// <summary>A stable 64-bit FNV-1a hash of the UTF-8 bytes of <paramref name="value"/>.</summary>
    public static ulong StableHash(string value)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        // Ids and keys are nearly always ASCII, whose UTF-8 bytes are the chars themselves (same hash, no rune decoding).
        if (!System.Text.Ascii.IsValid(value))
        {
            return StableHashOfRunes(value, hash);
        }
        foreach (var c in value)
        {
            hash ^= c;
            hash *= prime;
        }
        return hash;
    }

    private static ulong StableHashOfRunes(string value, ulong hash)
    {
        const ulong prime = 1099511628211UL;
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(buffer);
            for (var i = 0; i < length; i++)
            {
                hash ^= buffer[i];
                hash *= prime;
            }
        }
        return hash;
    }

    /// <summary>The partition (0..count-1) a value hashes to.</summary>
    public static int PartitionOf(string value, int count) => (int)(StableHash(value) % (ulong)count);

    /// <summary><c>{accountId}/{class}/{p}</c>: one slice of one class's entities.</summary>
    public static string EntityPartitionKey(string accountId, string @class, int partition) => $"{accountId}/{@class}/{partition}";

    /// <summary><c>{accountId}/edges/{p}</c>: the relationships touching the entities whose id hashes to p.</summary>
    public static string EdgePartitionKey(string accountId, int partition) => $"{accountId}/edges/{partition}";

    /// <summary><c>{accountId}/keys/{p}</c>: the <c>_key</c> → <c>_id</c> map for keys hashing to p.</summary>
    public static string KeyPartitionKey(string accountId, int partition) => $"{accountId}/keys/{partition}";

    /// <summary>Splits <c>{accountId}/{rest}</c> (every graph grain key).</summary>
    public static (string AccountId, string Remainder) SplitKey(string grainKey)
    {
        var slash = grainKey.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (grainKey, "") : (grainKey[..slash], grainKey[(slash + 1)..]);
    }

    /// <summary>The number after the last slash of a partition key.</summary>
    public static int PartitionNumber(string grainKey) => int.Parse(grainKey.AsSpan(grainKey.LastIndexOf('/') + 1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A new entity id: <c>{Class}-{32 hex}</c>. The class is part of the id so that a look-up by id finds its
    /// partition without another call; an entity's class therefore never changes (delete and re-create instead).
    /// </summary>
    public static string NewEntityId(string @class) => $"{@class}-{Guid.NewGuid():N}";

    /// <summary>The class encoded in an entity id, or null when the id is not one of ours.</summary>
    public static string? ClassOfEntityId(string entityId)
    {
        var dash = entityId.IndexOf('-', StringComparison.Ordinal);
        return dash <= 0 ? null : entityId[..dash];
    }

    /// <summary>
    /// A relationship is identified by (from, verb, to): its id is derived from them, so an upsert of the same
    /// triple is an update and a delete needs no look-up.
    /// </summary>
    public static string RelationshipId(string fromId, string verb, string toId) =>
        "r-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{fromId}\n{verb}\n{toId}")).AsSpan(0, 16));
}
