using Fleet.Query.Evaluation;
using Fleet.Query.Syntax;

namespace Fleet.Contracts.Graph;

/// <summary>An entity to store: a full entity, and who writes it.</summary>
[GenerateSerializer, Immutable, Alias("fleet.GraphEntityUpsert")]
public sealed record GraphEntityUpsert(
    [property: Id(0)] Entity Entity,
    [property: Id(1)] bool BySystem);

/// <summary>How many upserted items were new and how many replaced an existing one.</summary>
[GenerateSerializer, Immutable, Alias("fleet.GraphUpsertCounts")]
public sealed record GraphUpsertCounts(
    [property: Id(0)] int Created,
    [property: Id(1)] int Updated);

/// <summary>
/// One slice of one class's entities of one account, keyed <c>{accountId}/{class}/{p}</c> with p the stable hash
/// of the entity id modulo the class's partition count. Entities live in memory and are filtered here, so a query
/// moves only matches. Each entity is one stored row; changes are coalesced and flushed in batches.
/// </summary>
public interface IEntityPartitionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Entities matching <paramref name="filter"/> (a WITH filter, relative dates already bound to absolute ones;
    /// null = all), restricted to <paramref name="types"/> when given, at most <paramref name="limit"/>.
    /// </summary>
    [ReadOnly]
    Task<Immutable<Entity[]>> Find(Filter? filter, string[]? types, int? limit);

    /// <summary>The entities with these ids; unknown ids are skipped.</summary>
    [ReadOnly]
    Task<Immutable<Entity[]>> Get(string[] ids);

    /// <summary>
    /// Stores entities. An upsert by the system merges its properties into the entity and marks it system-owned;
    /// an upsert through the API replaces the properties but keeps the system-owned fields of a system-owned entity.
    /// </summary>
    Task<GraphUpsertCounts> Upsert(Immutable<GraphEntityUpsert[]> upserts);

    /// <summary>Removes entities; answers how many existed.</summary>
    Task<int> Delete(string[] ids);

    /// <summary>Writes pending changes now (the API calls this so that its answer means durable).</summary>
    Task Flush();

    [ReadOnly]
    Task<int> Count();
}
