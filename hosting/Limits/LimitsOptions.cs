namespace Fleet.Hosting.Limits;

/// <summary>
/// Per-account limits (section <c>Fleet:Limits</c>; docs/security.md, Fair sharing): each account gets a fair share of a
/// deployment that many accounts use. The defaults serve a large company; a limit hit is a 4xx problem naming it.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Fleet:Limits";

    /// <summary>Graph entities one account may hold (devices' system entities included).</summary>
    public int GraphEntitiesPerAccount { get; set; } = 1_000_000;

    /// <summary>Distinct entity classes one account may write through the graph API.</summary>
    public int GraphClassesPerAccount { get; set; } = 500;

    /// <summary>REST requests (and dashboard connections) one API key may make per minute.</summary>
    public int RequestsPerKeyPerMinute { get; set; } = 12_000;

    /// <summary>Standing queries one dashboard connection may hold at once.</summary>
    public int StandingQueriesPerConnection { get; set; } = 50;
}
