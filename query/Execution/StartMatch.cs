using Fleet.Query.Evaluation;

namespace Fleet.Query.Execution;

/// <summary>
/// A start (FIND-step entity) that has a complete path, with the entities its paths hold at the step a full run anchors
/// at: the earliest of them in the graph's order decides where the start comes in the answer.
/// </summary>
public sealed record StartMatch(Entity Start, IReadOnlyList<Entity> Anchors)
{
    /// <summary>The starts of complete paths (entity per chain step), in path order, with their entities at <paramref name="anchorStep"/>.</summary>
    public static IReadOnlyList<StartMatch> Of(IEnumerable<IReadOnlyList<Entity>> paths, int anchorStep)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return [.. paths.GroupBy(p => p[0].Id, StringComparer.Ordinal).Select(g => new StartMatch(
            g.First()[0], [.. g.Select(p => p[anchorStep]).DistinctBy(e => e.Id, StringComparer.Ordinal)]))];
    }
}
