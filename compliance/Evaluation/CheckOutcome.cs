namespace Fleet.Compliance.Evaluation;

/// <summary>A check's status and detail before waivers are applied.</summary>
internal readonly record struct CheckOutcome(CheckStatus Status, string Detail)
{
    public static CheckOutcome CouldNotRead(string? reason) =>
        new(CheckStatus.Unknown, $"could not read: {(string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason)}");

    /// <summary>
    /// An unknown fact under SUGGESTED is a NUDGE (a confirmed violation would only nudge, so an
    /// unconfirmed one cannot be worse) and under every other requirement UNKNOWN.
    /// </summary>
    public static CheckOutcome Unknown(bool suggested, string? reason)
    {
        var outcome = CouldNotRead(reason);
        return suggested ? outcome with { Status = CheckStatus.Nudge } : outcome;
    }
}
