using Fleet.Contracts.Scim;

namespace Fleet.Grains.Scim;

/// <summary>An account's SCIM directory as stored: bounded by <see cref="ScimOptions"/>.</summary>
public sealed class ScimDirectoryState
{
    public string? AccountId { get; set; }
    public Dictionary<string, ScimUser> Users { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, ScimGroup> Groups { get; set; } = new(StringComparer.Ordinal);
}
