namespace Fleet.Compliance.Policy;

/// <summary>One problem in a policy document, at the 1-based line and column of the offending node.</summary>
public sealed record PolicyError(int Line, int Column, string Message)
{
    public override string ToString() => $"{Line}:{Column}: {Message}";
}
