namespace Fleet.Query.Syntax;

/// <summary>One <c>target [WITH filter] [AS alias]</c> part of a query.</summary>
public sealed record EntityStep(TargetSelector Target, Filter? Filter, string? Alias);
