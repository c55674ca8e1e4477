namespace Fleet.Compliance.Remediation;

/// <summary>
/// How to fix one failing check on one platform: a title, why it matters, numbered Markdown
/// steps, and optionally a settings deep link. The link is data to show as a button; the agent
/// never executes it.
/// </summary>
public sealed record Remediation(
    string Title,
    string Why,
    string DirectionsMarkdown,
    string? DeepLink);
