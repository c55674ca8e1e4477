using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.ScreenLock;

/// <summary>Whether the screen locks by itself, and after how many idle seconds.</summary>
public sealed record ScreenLockFacts(Fact Lock, NumericFact IdleSeconds)
{
    public static ScreenLockFacts Unknown(string reason) => new(Fact.Unknown(reason), NumericFact.Unknown(reason));
    public static ScreenLockFacts Unsupported(string reason) => new(Fact.Unsupported(reason), NumericFact.Unsupported(reason));

    /// <summary>"Never" is not a number of seconds: Off with no value, so a "&lt;=600" range cannot pass it.</summary>
    public static NumericFact Never(string evidence) => new(FactState.Off, null, evidence);
}
