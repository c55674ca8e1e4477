namespace Fleet.Contracts.Graph;

/// <summary>Where a <c>_key</c> points: the entity's id and class, and whether the system owns it.</summary>
[GenerateSerializer, Immutable, Alias("fleet.GraphKeyEntry")]
public sealed record GraphKeyEntry(
    [property: Id(0)] string Key,
    [property: Id(1)] string Id,
    [property: Id(2)] string Class,
    [property: Id(3)] bool SystemOwned);

/// <summary>A request to give a key an id (kept if it has one).</summary>
[GenerateSerializer, Immutable, Alias("fleet.GraphKeyClaim")]
public sealed record GraphKeyClaim(
    [property: Id(0)] string Key,
    [property: Id(1)] string Class,
    [property: Id(2)] bool SystemOwned);

/// <summary>
/// One slice of an account's <c>_key</c> → <c>_id</c> map (keys are unique per account, whatever their class).
/// Keyed <c>{accountId}/keys/{p}</c>. Held in memory, one stored row per key, written when a key is created or removed.
/// </summary>
public interface IEntityKeyPartitionGrain : IGrainWithStringKey
{
    /// <summary>The entries of the keys that exist; unknown keys are left out.</summary>
    [ReadOnly]
    Task<GraphKeyEntry[]> Lookup(string[] keys);

    /// <summary>
    /// Gives every claimed key an id, keeping existing ones. An existing key of another class keeps its class
    /// (the caller sees the mismatch in the answer). A system claim marks the key system-owned. Durable on return.
    /// </summary>
    Task<GraphKeyEntry[]> Assign(GraphKeyClaim[] claims);

    /// <summary>How many keys this slice holds (for the per-account entity limit).</summary>
    [ReadOnly]
    Task<int> Count();

    /// <summary>Forgets keys; durable on return.</summary>
    Task Remove(string[] keys);
}
