namespace Fleet.Compliance.Policy;

/// <summary>
/// How strongly a policy wants a setting enabled (Stethoscope's requirement values).
/// <c>Never</c> means the setting must be disabled.
/// </summary>
public enum Requirement
{
    Always = 0,
    Suggested = 1,
    Never = 2,
    IfSupported = 3,
}
