namespace Fleet.Compliance.Evaluation;

/// <summary>The outcome of one check (docs/policy.md). Wire form: <see cref="CheckStatusWire"/>.</summary>
public enum CheckStatus
{
    Pass = 0,
    /// <summary>Not as the policy would like, but allowed: the user is reminded, compliance holds.</summary>
    Nudge = 1,
    Fail = 2,
    /// <summary>The agent could not read the fact. Never treated as a pass.</summary>
    Unknown = 3,
    /// <summary>Not available on this platform, and the requirement allows that: skipped.</summary>
    Unsupported = 4,
}
