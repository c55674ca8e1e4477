namespace Fleet.Compliance.Policy;

/// <summary>
/// Reads a Stethoscope-compatible policy from YAML or JSON (JSON is read by the YAML parser, so
/// both get line and column marks). Never throws: every outcome is a <see cref="PolicyParseResult"/>.
/// A key Fleet does not know is a warning and is skipped, so a Stethoscope policy with keys from a newer
/// Stethoscope still loads; <c>strict</c> makes it an error.
/// </summary>
public static class PolicyParser
{
    /// <summary>Larger inputs are refused before parsing; real policies are a few kilobytes.</summary>
    public const int MaxLength = 1_000_000;

    /// <summary>Deeper nesting is refused before building nodes, so hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 32;

    /// <summary>After this many problems the list is cut short, so garbage input gives a readable answer.</summary>
    public const int MaxErrors = 200;

    public static PolicyParseResult Parse(string text, bool strict = false)
    {
        try
        {
            return new PolicyReader(strict).Read(text);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A safety net: the reader reports problems as values; anything reaching here is a bug in
            // a dependency or in the reader, and callers must still get a refusal rather than a crash.
            return new PolicyParseResult(null, [new PolicyError(1, 1, $"the policy could not be read: {ex.Message}")]);
        }
    }
}
