using Fleet.Query.Evaluation;

namespace Fleet.Grains.Graph;

/// <summary>
/// After a change, for a chain's skeleton (its steps without filters): the starts the changed entities can move
/// (<see cref="Affected"/>), and the complete paths from them now, the entity at each step (<see cref="Paths"/>). Every
/// chain of that skeleton reads its own answer from them by applying its filters.
/// </summary>
public sealed record ChainPaths(IReadOnlySet<string> Affected, IReadOnlyList<IReadOnlyList<Entity>> Paths);
