namespace Fleet.Contracts.Policy;

/// <summary>A policy version and when it was stored: from then on it was in force until the next one.</summary>
[GenerateSerializer, Immutable, Alias("fleet.PolicyVersion")]
public sealed record PolicyVersion(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset StoredOn);
