using Fleet.Contracts.Scim;

namespace Fleet.Grains.Scim;

/// <summary>An account's SCIM directory as stored: bounded by <see cref="ScimOptions"/>.</summary>
[GenerateSerializer, Alias("fleet.ScimDirectoryState")]
public sealed class ScimDirectoryState
{
    [Id(0)]
    public string? AccountId { get; set; }
    [Id(1)]
    public Dictionary<string, ScimUser> Users { get; set; } = new(StringComparer.Ordinal);
    [Id(2)]
    public Dictionary<string, ScimGroup> Groups { get; set; } = new(StringComparer.Ordinal);
}
