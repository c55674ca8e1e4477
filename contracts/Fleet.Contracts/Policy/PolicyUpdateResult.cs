using Fleet.Compliance.Policy;

namespace Fleet.Contracts.Policy;

/// <summary>Either the new version (no errors, maybe warnings), or every problem found and nothing stored.</summary>
[GenerateSerializer, Immutable, Alias("fleet.PolicyUpdateResult")]
public sealed record PolicyUpdateResult(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<PolicyError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Keys Fleet does not know, skipped; the policy was stored without them.</summary>
    [Id(2)]
    public IReadOnlyList<PolicyError> Warnings { get; init; } = [];
}
