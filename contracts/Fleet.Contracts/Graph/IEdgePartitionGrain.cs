using Fleet.Query.Evaluation;
using Fleet.Query.Syntax;

namespace Fleet.Contracts.Graph;

/// <summary>
/// Adjacency of an account's entities whose id hashes to p, keyed <c>{accountId}/edges/{p}</c>. Every relationship is
/// held by the partition of its <c>from</c> and the partition of its <c>to</c>, so one hop costs one call per partition
/// touched. Each held relationship is one stored row; changes are coalesced and flushed in batches.
/// </summary>
public interface IEdgePartitionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Relationships touching <paramref name="ids"/>, with a verb in <paramref name="verbs"/> (upper case; null = any),
    /// in <paramref name="direction"/> relative to those ids.
    /// </summary>
    [ReadOnly]
    Task<Immutable<Relationship[]>> Edges(string[] ids, string[]? verbs, EdgeDirection direction);

    /// <summary>Stores relationships; answers the ids of those that were new here.</summary>
    Task<string[]> Upsert(Immutable<Relationship[]> relationships);

    /// <summary>Removes relationships by id; answers the ids of those that were here.</summary>
    Task<string[]> Delete(string[] relationshipIds);

    /// <summary>Removes every relationship touching the entities and answers them (to remove them at their other end too).</summary>
    Task<Immutable<Relationship[]>> Detach(string[] entityIds);

    Task Flush();
}
