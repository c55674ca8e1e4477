namespace Fleet.Compliance.Tests.Evaluation;

using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

/// <summary>
/// Stethoscope's <c>windowsMaxScreenLockTimeout</c>: on Windows a screen lock that is on passes only when the screen
/// locks within the cap; the idle time decides, and an idle time Fleet could not read is never a pass (docs/checks.md).
/// </summary>
public sealed class WindowsLockTimeoutTests
{
    private const int Cap = 600;
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static CheckResult ScreenLock(Requirement requirement, NumericFact idle)
    {
        var facts = new DeviceFacts { Platform = Platform.Win32, ScreenLock = Fact.On(), ScreenIdleSeconds = idle };
        var policy = Policy.Empty with { ScreenLock = requirement, WindowsMaxScreenLockTimeout = Cap };
        return PolicyEvaluator.Evaluate(policy, facts, new WaiverSubject("d1", null), Now).Find(CheckIds.ScreenLock)!;
    }

    [Fact]
    public void A_screen_that_locks_exactly_at_the_cap_passes()
    {
        var check = ScreenLock(Requirement.Always, NumericFact.Of(Cap, "display off after 600 s"));

        Assert.Equal(CheckStatus.Pass, check.Status);
        Assert.EndsWith("within 600 seconds (600 s)", check.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Requirement.Always, CheckStatus.Fail)]
    [InlineData(Requirement.IfSupported, CheckStatus.Fail)]
    [InlineData(Requirement.Suggested, CheckStatus.Nudge)]
    public void A_screen_that_locks_one_second_past_the_cap_fails_or_nudges_as_the_requirement_says(Requirement requirement, CheckStatus expected)
    {
        var check = ScreenLock(requirement, NumericFact.Of(Cap + 1));

        Assert.Equal(expected, check.Status);
        Assert.Equal("The screen locks after 601 seconds; the policy allows at most 600 seconds on Windows", check.Detail);
    }

    [Theory]
    [InlineData(Requirement.Always, CheckStatus.Fail)]
    [InlineData(Requirement.Suggested, CheckStatus.Nudge)]
    public void A_screen_that_never_locks_when_idle_fails_or_nudges(Requirement requirement, CheckStatus expected)
    {
        var check = ScreenLock(requirement, new NumericFact(FactState.Off, null, "no display timeout"));

        Assert.Equal(expected, check.Status);
        Assert.Equal("The screen never locks when idle; the policy allows at most 600 seconds on Windows", check.Detail);
    }

    [Theory]
    [InlineData(Requirement.Always, CheckStatus.Unknown)]
    [InlineData(Requirement.Suggested, CheckStatus.Nudge)]
    public void An_idle_time_that_could_not_be_read_is_unknown_never_a_pass(Requirement requirement, CheckStatus expected)
    {
        var check = ScreenLock(requirement, NumericFact.Unknown("powercfg failed"));

        Assert.Equal(expected, check.Status);
        Assert.Equal("could not read: whether the screen locks within 600 seconds is unknown: powercfg failed", check.Detail);
    }
}
