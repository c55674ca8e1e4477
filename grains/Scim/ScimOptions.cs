namespace Fleet.Grains.Scim;

/// <summary>Per-account bounds of the SCIM directory (section <c>Fleet:Scim</c>; docs/scim.md).</summary>
public sealed class ScimOptions
{
    public const string Section = "Fleet:Scim";

    /// <summary>Users one account may provision. The directory is one stored row, rewritten on each change (≈ 350 bytes a user).</summary>
    public int MaxUsersPerAccount { get; set; } = 10_000;

    public int MaxGroupsPerAccount { get; set; } = 1_000;

    /// <summary>Group memberships of one account, all groups together.</summary>
    public int MaxMembershipsPerAccount { get; set; } = 100_000;
}
