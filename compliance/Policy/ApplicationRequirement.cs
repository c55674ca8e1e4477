namespace Fleet.Compliance.Policy;

/// <summary>
/// One <c>applications</c> entry. <see cref="Assertion"/> <c>Always</c> means "must be installed",
/// <c>Never</c> means "must not be installed" (in a matching <see cref="Version"/> when one is set).
/// An empty <see cref="Platforms"/> list means every platform.
/// </summary>
public sealed record ApplicationRequirement(
    string Name,
    Requirement Assertion,
    VersionRange? Version = null,
    ValueList<PlatformFilter>? Platforms = null,
    string? Description = null,
    string? InstallFrom = null,
    ValueList<ApplicationPath>? Paths = null)
{
    /// <summary>Folders to search per platform (Stethoscope's <c>paths</c>), ordered by platform key.</summary>
    public ValueList<ApplicationPath> Paths { get; init; } = Paths ?? ValueList<ApplicationPath>.Empty;

    public ValueList<PlatformFilter> Platforms { get; init; } = Platforms ?? ValueList<PlatformFilter>.Empty;

    /// <summary>The stable check id of this entry: <c>app:&lt;name&gt;</c>.</summary>
    public string CheckId => CheckIds.Application(Name);
}
