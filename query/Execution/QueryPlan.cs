using Fleet.Query.Syntax;

namespace Fleet.Query.Execution;

/// <summary>
/// How a query runs: the chain of positive steps (each with the negated traversals that filter it),
/// the step to start from, and the hops in the order they are taken.
/// </summary>
public sealed record QueryPlan(EquatableArray<PlannedStep> Steps, int AnchorStep, EquatableArray<PlannedHop> Hops);

/// <summary>A positive step of the chain; <see cref="Negations"/> are the <c>!THAT</c> traversals written right after it.</summary>
public sealed record PlannedStep(EntityStep Step, EquatableArray<Traversal> Negations);

/// <summary>One traversal between adjacent chain steps, with <see cref="Direction"/> relative to <see cref="FromStep"/>.</summary>
public sealed record PlannedHop(int FromStep, int ToStep, VerbSelector Verbs, EdgeDirection Direction);
