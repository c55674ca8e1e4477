namespace Fleet.Query.Syntax;

/// <summary>
/// <c>[!]THAT verb [&gt;&gt;|&lt;&lt;] target</c>. The direction is relative to the entity on the left.
/// A negated traversal filters the left entities (keeps those with no such edge); the chain
/// continues from those same left entities.
/// </summary>
public sealed record Traversal(bool Negated, VerbSelector Verbs, EdgeDirection Direction, EntityStep Target);
