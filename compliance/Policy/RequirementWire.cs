namespace Fleet.Compliance.Policy;

/// <summary>The policy-file spelling of <see cref="Requirement"/>: <c>ALWAYS|SUGGESTED|NEVER|IF_SUPPORTED</c>.</summary>
public static class RequirementWire
{
    public static readonly IReadOnlyList<string> ValidValues = ["ALWAYS", "SUGGESTED", "NEVER", "IF_SUPPORTED"];

    public static string ToWire(this Requirement requirement) => requirement switch
    {
        Requirement.Always => "ALWAYS",
        Requirement.Suggested => "SUGGESTED",
        Requirement.Never => "NEVER",
        Requirement.IfSupported => "IF_SUPPORTED",
        _ => throw new ArgumentOutOfRangeException(nameof(requirement), requirement, null),
    };

    /// <summary>Exact, upper-case match only: the policy file has one spelling per value.</summary>
    public static bool TryParse(string? text, out Requirement requirement)
    {
        switch (text)
        {
            case "ALWAYS": requirement = Requirement.Always; return true;
            case "SUGGESTED": requirement = Requirement.Suggested; return true;
            case "NEVER": requirement = Requirement.Never; return true;
            case "IF_SUPPORTED": requirement = Requirement.IfSupported; return true;
            default: requirement = default; return false;
        }
    }
}
