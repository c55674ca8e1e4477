namespace Fleet.Compliance.Policy;

/// <summary>
/// Either a policy (no errors) or every problem found (no policy): a policy is refused whole.
/// <see cref="Warnings"/> are keys Fleet does not know, skipped (errors in strict mode).
/// </summary>
public sealed record PolicyParseResult(Policy? Policy, IReadOnlyList<PolicyError> Errors)
{
    public bool Succeeded => Policy is not null;

    public IReadOnlyList<PolicyError> Warnings { get; init; } = [];
}
