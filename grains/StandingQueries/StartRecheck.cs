using Fleet.Query.Execution;

namespace Fleet.Grains.StandingQueries;

/// <summary>
/// After a change, for one chain query: the starts the changed entities can move (<see cref="Affected"/>), and those of
/// them that have a complete path now (<see cref="Matches"/>); an affected start not among the matches has none.
/// </summary>
public sealed record StartRecheck(IReadOnlySet<string> Affected, IReadOnlyList<StartMatch> Matches);
