namespace Fleet.Compliance.Facts;

/// <summary>A measured number (e.g. screen idle delay in seconds), or the reason it could not be measured.</summary>
public sealed record NumericFact(
    FactState State,
    long? Value,
    string? Reason = null)
{
    public static NumericFact Of(long value, string? evidence = null) => new(FactState.On, value, evidence);
    public static NumericFact Unknown(string reason) => new(FactState.Unknown, null, reason);
    public static NumericFact Unsupported(string reason) => new(FactState.Unsupported, null, reason);
}
