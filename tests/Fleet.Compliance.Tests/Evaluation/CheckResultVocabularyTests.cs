namespace Fleet.Compliance.Tests.Evaluation;

using Fleet.Compliance.Evaluation;

/// <summary>What a single result means for compliance, and the wire spelling of statuses.</summary>
public sealed class CheckResultVocabularyTests
{
    private static readonly CheckWaiver Waiver = new("Locked room", new DateOnly(2026, 3, 31), "dev-42", null);

    // Proves only an unwaived FAIL or UNKNOWN breaks compliance; PASS, NUDGE, UNSUPPORTED and waived results do not.
    [Theory]
    [InlineData(CheckStatus.Fail, false, true)]
    [InlineData(CheckStatus.Unknown, false, true)]
    [InlineData(CheckStatus.Pass, false, false)]
    [InlineData(CheckStatus.Nudge, false, false)]
    [InlineData(CheckStatus.Unsupported, false, false)]
    [InlineData(CheckStatus.Fail, true, false)]
    [InlineData(CheckStatus.Unknown, true, false)]
    public void Only_an_unwaived_fail_or_unknown_breaks_compliance(CheckStatus status, bool waived, bool breaks) =>
        Assert.Equal(breaks, new CheckResult("firewall", status, "detail", waived ? Waiver : null).BreaksCompliance);

    // Proves every status survives the wire spelling both ways.
    [Theory]
    [InlineData(CheckStatus.Pass, "PASS")]
    [InlineData(CheckStatus.Nudge, "NUDGE")]
    [InlineData(CheckStatus.Fail, "FAIL")]
    [InlineData(CheckStatus.Unknown, "UNKNOWN")]
    [InlineData(CheckStatus.Unsupported, "UNSUPPORTED")]
    public void Statuses_round_trip_through_their_wire_spelling(CheckStatus status, string wire)
    {
        Assert.Equal(wire, status.ToWire());
        Assert.Equal(status, CheckStatusWire.Parse(wire));
    }

    // Proves anything else is not a status: lower case, empty, null, or another word.
    [Theory]
    [InlineData("pass")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("WAIVED")]
    public void Other_text_is_not_a_status(string? text)
    {
        Assert.False(CheckStatusWire.TryParse(text, out _));
        if (text is not null) Assert.Throws<FormatException>(() => CheckStatusWire.Parse(text));
    }
}
