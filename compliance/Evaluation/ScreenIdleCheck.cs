using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Evaluation;

/// <summary>The screen idle delay (seconds until the screen locks) against the policy's range.</summary>
internal static class ScreenIdleCheck
{
    public static CheckOutcome Evaluate(VersionRange allowed, NumericFact idle)
    {
        switch (idle.State)
        {
            case FactState.Unknown:
                return CheckOutcome.CouldNotRead(idle.Reason);
            case FactState.Unsupported:
                var why = string.IsNullOrWhiteSpace(idle.Reason) ? "" : $" ({idle.Reason})";
                return new(CheckStatus.Unsupported, $"An idle screen lock is not available on this device{why}");
            case FactState.Off:
                // The screen never locks when idle, which no range of seconds allows.
                return new(CheckStatus.Fail, $"The screen never locks when idle; the policy allows {allowed.Text} seconds");
        }
        if (idle.Value is not { } seconds) return CheckOutcome.CouldNotRead("no idle delay was reported");
        return allowed.Contains(seconds)
            ? new(CheckStatus.Pass, $"The screen locks after {seconds} seconds idle")
            : new(CheckStatus.Fail, $"The screen locks after {seconds} seconds idle; the policy allows {allowed.Text}");
    }
}
