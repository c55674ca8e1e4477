using Fleet.Query.Evaluation;
using Fleet.Query.Syntax;

namespace Fleet.Query.Execution;

/// <summary>
/// Where the executor reads the graph of one account. The silo backs it with partitioned index grains;
/// <see cref="InMemoryGraphSource"/> is the reference. Filters handed to a source never contain relative
/// dates (the executor binds them first), so a source needs no clock. The executor may have two calls in flight at
/// once (it reads the next hop ahead), so an implementation must allow concurrent calls.
/// </summary>
public interface IGraphSource
{
    /// <summary>Entities matching a target (classes/types or any) and a local filter, at most <paramref name="limit"/> (null = all).</summary>
    Task<IReadOnlyList<Entity>> FindAsync(TargetSelector target, Filter? filter, int? limit, CancellationToken ct);

    /// <summary>Entities by id (for the far side of edges); unknown ids are skipped.</summary>
    Task<IReadOnlyList<Entity>> GetAsync(IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>Relationships touching any of the ids, restricted to verbs and to the direction relative to those ids.</summary>
    Task<IReadOnlyList<Relationship>> EdgesAsync(IReadOnlyCollection<string> ids, VerbSelector verbs, EdgeDirection direction, CancellationToken ct);
}
