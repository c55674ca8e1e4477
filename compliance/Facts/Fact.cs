namespace Fleet.Compliance.Facts;

/// <summary>A tri-state observation of one on/off setting, with the evidence or the reason it is unknown.</summary>
public sealed record Fact(
    FactState State,
    string? Reason = null)
{
    public static Fact On(string? evidence = null) => new(FactState.On, evidence);
    public static Fact Off(string? evidence = null) => new(FactState.Off, evidence);
    public static Fact Unknown(string reason) => new(FactState.Unknown, reason);
    public static Fact Unsupported(string reason) => new(FactState.Unsupported, reason);
}
