using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Evaluation;

/// <summary>
/// An on/off setting against a requirement. ALWAYS/SUGGESTED/IF_SUPPORTED want it on, NEVER wants
/// it off. The full table is in docs/policy.md.
/// </summary>
internal static class SettingCheck
{
    public static CheckOutcome Evaluate(Requirement requirement, Fact fact, SettingName name)
    {
        var state = $"{name.Subject} {name.Is}";
        switch (fact.State)
        {
            case FactState.Unknown:
                return CheckOutcome.Unknown(requirement == Requirement.Suggested, fact.Reason);
            case FactState.Unsupported:
                var why = string.IsNullOrWhiteSpace(fact.Reason) ? "" : $" ({fact.Reason})";
                return requirement switch
                {
                    // The policy insists on it and the device cannot have it: that is a failure, not a skip.
                    Requirement.Always => new(CheckStatus.Fail, $"{state} not available on this device{why}, and the policy requires it"),
                    // Something unavailable cannot be on, which is what NEVER asks for.
                    Requirement.Never => new(CheckStatus.Pass, $"{state} not available on this device{why}"),
                    _ => new(CheckStatus.Unsupported, $"{state} not available on this device{why}"),
                };
            case FactState.On:
                return requirement == Requirement.Never
                    ? new(CheckStatus.Fail, $"{state} on")
                    : new(CheckStatus.Pass, $"{state} on");
            default:
                return requirement switch
                {
                    Requirement.Never => new(CheckStatus.Pass, $"{state} off"),
                    Requirement.Suggested => new(CheckStatus.Nudge, $"{state} off"),
                    _ => new(CheckStatus.Fail, $"{state} off"),
                };
        }
    }
}
