using Semver;

namespace Fleet.Compliance.Policy;

/// <summary>
/// An npm-style semver range as written in a policy (<c>&gt;=14.6</c>, <c>^22.04</c>,
/// <c>&lt;=600</c>), parsed once. Equality is by the text as written, which is also what the
/// canonical JSON form carries, so a round trip compares equal.
/// </summary>
public sealed class VersionRange : IEquatable<VersionRange>
{
    private readonly SemVersionRange _range;

    private VersionRange(string text, SemVersionRange range)
    {
        Text = text;
        _range = range;
    }

    /// <summary>The range exactly as the policy wrote it.</summary>
    public string Text { get; }

    public static bool TryParse(string? text, out VersionRange range)
    {
        range = null!;
        if (text is null || text.Length > 1024) return false;
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return false;
        try
        {
            if (!SemVersionRange.TryParseNpm(VersionText.NormalizeRange(trimmed), out var parsed)) return false;
            range = new VersionRange(trimmed, parsed);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            // The Semver parser signals some malformed inputs by throwing; treat them as invalid.
            return false;
        }
    }

    public static VersionRange Parse(string text) =>
        TryParse(text, out var range) ? range : throw new FormatException($"'{text}' is not a valid version range.");

    public bool Contains(SemVersion version) => _range.Contains(version);

    /// <summary>Whether a reported version satisfies the range; false when it cannot be parsed.</summary>
    public bool Contains(string? version) => VersionText.TryParseVersion(version, out var parsed) && _range.Contains(parsed);

    /// <summary>Whole numbers (seconds) are compared as <c>N.0.0</c>.</summary>
    public bool Contains(long number) =>
        number is >= 0 and <= int.MaxValue && _range.Contains(new SemVersion((int)number, 0, 0));

    public bool Equals(VersionRange? other) => other is not null && Text == other.Text;

    public override bool Equals(object? obj) => obj is VersionRange other && Equals(other);

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Text;
}
