using System.Text;
using System.Text.RegularExpressions;
using Semver;

namespace Fleet.Compliance.Policy;

/// <summary>
/// Turns the version strings operating systems and applications report (<c>22.04</c>,
/// <c>10.0.22631.4037</c>, <c>14.6.1</c>) into semantic versions, and rewrites range bounds the
/// same way, so npm-style ranges can be applied to things that are not semver.
/// </summary>
public static partial class VersionText
{
    /// <summary>
    /// Parses the leading dotted-number core: leading zeros are stripped, missing parts are
    /// padded with zero and parts beyond major.minor.patch are dropped (<c>22.04</c> → 22.4.0,
    /// <c>10.0.22631.4037</c> → 10.0.22631). A suffix after <c>-</c>, <c>+</c>, <c>_</c>, a space
    /// or <c>(</c> is ignored (<c>6.8.0-45-generic</c>, <c>5.1 (1234)</c>).
    /// </summary>
    public static bool TryParseVersion(string? text, out SemVersion version)
    {
        version = null!;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 256) return false;
        var match = VersionCore().Match(text);
        if (!match.Success) return false;
        var parts = match.Groups["core"].Value.Split('.');
        Span<int> numbers = stackalloc int[3];
        for (var i = 0; i < 3; i++)
        {
            numbers[i] = 0;
            if (i < parts.Length && !int.TryParse(parts[i], System.Globalization.NumberStyles.None, null, out numbers[i]))
            {
                return false;
            }
        }
        version = new SemVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <summary>
    /// Rewrites every version bound in an npm range the way <see cref="TryParseVersion"/> treats
    /// versions: leading zeros stripped and parts beyond the third dropped. Partial bounds stay
    /// partial so npm's meaning of <c>&lt;=14.6</c> (any 14.6.x) and <c>14</c> (any 14.x.x) is kept.
    /// </summary>
    public static string NormalizeRange(string range) =>
        RangeBound().Replace(range, match =>
        {
            var parts = match.Value.Split('.');
            var kept = Math.Min(parts.Length, 3);
            var builder = new StringBuilder(match.Value.Length);
            for (var i = 0; i < kept; i++)
            {
                if (i > 0) builder.Append('.');
                var trimmed = parts[i].TrimStart('0');
                builder.Append(trimmed.Length == 0 ? "0" : trimmed);
            }
            return builder.ToString();
        });

    [GeneratedRegex(@"^\s*[vV]?(?<core>\d+(?:\.\d+)*)(?:$|[-+_ (\s])", RegexOptions.CultureInvariant)]
    private static partial Regex VersionCore();

    // A dotted number that starts a bound: not inside a prerelease/build part (preceded by '-', '+',
    // '.' or an identifier character).
    [GeneratedRegex(@"(?<![\w.+-])\d+(?:\.\d+)*", RegexOptions.CultureInvariant)]
    private static partial Regex RangeBound();
}
