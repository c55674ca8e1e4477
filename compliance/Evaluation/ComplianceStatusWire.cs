namespace Fleet.Compliance.Evaluation;

/// <summary>The wire spelling of <see cref="ComplianceStatus"/> used by the APIs, the graph and the agent protocol.</summary>
public static class ComplianceStatusWire
{
    public static string ToWire(this ComplianceStatus status) => status switch
    {
        ComplianceStatus.Pass => "PASS",
        ComplianceStatus.Nudge => "NUDGE",
        ComplianceStatus.Fail => "FAIL",
        ComplianceStatus.Unknown => "UNKNOWN",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? text, out ComplianceStatus status)
    {
        switch (text)
        {
            case "PASS": status = ComplianceStatus.Pass; return true;
            case "NUDGE": status = ComplianceStatus.Nudge; return true;
            case "FAIL": status = ComplianceStatus.Fail; return true;
            case "UNKNOWN": status = ComplianceStatus.Unknown; return true;
            default: status = default; return false;
        }
    }

    /// <exception cref="FormatException">The text is not one of PASS, NUDGE, FAIL, UNKNOWN.</exception>
    public static ComplianceStatus Parse(string text) =>
        TryParse(text, out var status) ? status : throw new FormatException($"'{text}' is not a compliance status (PASS, NUDGE, FAIL, UNKNOWN).");
}
