namespace Fleet.Contracts.Scim;

[GenerateSerializer, Immutable, Alias("fleet.ScimGroupInput")]
public sealed record ScimGroupInput(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string? ExternalId,
    [property: Id(2)] IReadOnlyList<string> MemberIds);

/// <summary>A provisioned group; members are user ids of the same directory.</summary>
[GenerateSerializer, Immutable, Alias("fleet.ScimGroup")]
public sealed record ScimGroup(
    [property: Id(0)] string Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string? ExternalId,
    [property: Id(3)] IReadOnlyList<string> MemberIds,
    [property: Id(4)] DateTimeOffset Created,
    [property: Id(5)] DateTimeOffset LastModified,
    [property: Id(6)] int Version)
{
    public IEnumerable<string?> Values(ScimComparison comparison) => comparison.Attribute switch
    {
        ScimAttribute.Id => [Id],
        ScimAttribute.DisplayName => [DisplayName],
        ScimAttribute.ExternalId => [ExternalId],
        ScimAttribute.MembersValue => MemberIds.Select(m => (string?)m),
        _ => [],
    };
}

/// <summary>One group change by PATCH: applied in the directory grain in one turn, so concurrent member changes never lose each other.</summary>
[GenerateSerializer, Immutable, Alias("fleet.ScimGroupPatch")]
public sealed record ScimGroupPatch(
    [property: Id(0)] string? DisplayName,
    [property: Id(1)] string? ExternalId,
    [property: Id(2)] IReadOnlyList<string>? ReplaceMembers,
    [property: Id(3)] IReadOnlyList<string> AddMembers,
    [property: Id(4)] IReadOnlyList<string> RemoveMembers,
    [property: Id(5)] bool RemoveAllMembers);
