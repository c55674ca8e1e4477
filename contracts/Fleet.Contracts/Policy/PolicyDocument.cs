namespace Fleet.Contracts.Policy;

/// <summary>
/// An account's policy as uploaded (<see cref="Text"/> in <see cref="Format"/>) and in canonical JSON
/// (what agents and device grains read). Version 0 is the empty policy every account starts with.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.PolicyDocument")]
public sealed record PolicyDocument(
    [property: Id(0)] long Version,
    [property: Id(1)] string Text,
    [property: Id(2)] string Format,
    [property: Id(3)] string CanonicalJson,
    [property: Id(4)] DateTimeOffset? UpdatedOn);
