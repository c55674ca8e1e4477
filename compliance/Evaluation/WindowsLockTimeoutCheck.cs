using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Evaluation;

/// <summary>
/// Stethoscope's <c>windowsMaxScreenLockTimeout</c>: on Windows, a screen lock passes only when the screen
/// locks within that many seconds. A lock that would otherwise pass fails past the cap, and is UNKNOWN when
/// the idle time is not known.
/// </summary>
internal static class WindowsLockTimeoutCheck
{
    public static CheckOutcome Apply(CheckOutcome outcome, Requirement requirement, int? maxSeconds, DeviceFacts facts)
    {
        if (maxSeconds is not { } max || facts.Platform != Platform.Win32 || outcome.Status != CheckStatus.Pass || requirement == Requirement.Never)
        {
            return outcome;
        }
        var idle = facts.ScreenIdleSeconds;
        if (idle.State == FactState.On && idle.Value is { } seconds)
        {
            return seconds <= max
                ? new(CheckStatus.Pass, $"{outcome.Detail}, within {max} seconds ({seconds} s)")
                : new(requirement == Requirement.Suggested ? CheckStatus.Nudge : CheckStatus.Fail,
                    $"The screen locks after {seconds} seconds; the policy allows at most {max} seconds on Windows");
        }
        return idle.State == FactState.Off
            ? new(requirement == Requirement.Suggested ? CheckStatus.Nudge : CheckStatus.Fail, $"The screen never locks when idle; the policy allows at most {max} seconds on Windows")
            : CheckOutcome.Unknown(requirement == Requirement.Suggested, $"whether the screen locks within {max} seconds is unknown: {idle.Reason}");
    }
}
