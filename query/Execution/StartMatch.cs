using Fleet.Query.Evaluation;

namespace Fleet.Query.Execution;

/// <summary>
/// A start (FIND-step entity) that has a complete path, with the entities its paths hold at the step a full run anchors
/// at: the earliest of them in the graph's order decides where the start comes in the answer.
/// </summary>
public sealed record StartMatch(Entity Start, IReadOnlyList<Entity> Anchors);
