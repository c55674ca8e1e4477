namespace Fleet.Compliance.Evaluation;

/// <summary>The wire spelling of <see cref="CheckStatus"/> used by the APIs and the agent protocol.</summary>
public static class CheckStatusWire
{
    public static string ToWire(this CheckStatus status) => status switch
    {
        CheckStatus.Pass => "PASS",
        CheckStatus.Nudge => "NUDGE",
        CheckStatus.Fail => "FAIL",
        CheckStatus.Unknown => "UNKNOWN",
        CheckStatus.Unsupported => "UNSUPPORTED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? text, out CheckStatus status)
    {
        switch (text)
        {
            case "PASS": status = CheckStatus.Pass; return true;
            case "NUDGE": status = CheckStatus.Nudge; return true;
            case "FAIL": status = CheckStatus.Fail; return true;
            case "UNKNOWN": status = CheckStatus.Unknown; return true;
            case "UNSUPPORTED": status = CheckStatus.Unsupported; return true;
            default: status = default; return false;
        }
    }

    /// <exception cref="FormatException">The text is not one of PASS, NUDGE, FAIL, UNKNOWN, UNSUPPORTED.</exception>
    public static CheckStatus Parse(string text) =>
        TryParse(text, out var status) ? status : throw new FormatException($"'{text}' is not a check status (PASS, NUDGE, FAIL, UNKNOWN, UNSUPPORTED).");
}
