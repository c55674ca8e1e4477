namespace Fleet.Contracts.Scim;

/// <summary>
/// An account's SCIM directory: its provisioned users and groups (docs/scim.md). One grain per account, keyed
/// <see cref="ScimKeys.Directory"/>: its turns serialize every change, so userName stays unique under concurrent
/// creates. Every change is projected into the account's graph (User, UserGroup, Person IS User) before it returns.
/// </summary>
public interface IScimDirectoryGrain : IGrainWithStringKey
{
    Task<ScimResult<ScimUser>> CreateUser(ScimUserInput input);

    [ReadOnly]
    Task<ScimUser?> GetUser(string id);

    [ReadOnly]
    Task<ScimPage<ScimUser>> ListUsers(ScimFilter? filter, int startIndex, int count);

    /// <summary>Replaces the user; with <paramref name="expectedVersion"/>, only if nobody changed it since (PATCH reads, applies, replaces).</summary>
    Task<ScimResult<ScimUser>> ReplaceUser(string id, ScimUserInput input, int? expectedVersion);

    /// <summary>Deletes the user and removes it from every group. False when there was no such user.</summary>
    Task<bool> DeleteUser(string id);

    Task<ScimResult<ScimGroup>> CreateGroup(ScimGroupInput input);

    [ReadOnly]
    Task<ScimGroup?> GetGroup(string id);

    [ReadOnly]
    Task<ScimPage<ScimGroup>> ListGroups(ScimFilter? filter, int startIndex, int count);

    Task<ScimResult<ScimGroup>> ReplaceGroup(string id, ScimGroupInput input);

    Task<ScimResult<ScimGroup>> PatchGroup(string id, ScimGroupPatch patch);

    Task<bool> DeleteGroup(string id);

    /// <summary>A device of this e-mail's person enrolled (and is in the graph): re-project the users of that e-mail so <c>User OWNS Device</c> follows.</summary>
    /// <remarks>One-way: an enrolment never waits for (or fails with) the directory; the next change of the user projects again.</remarks>
    [OneWay]
    Task PersonDevicesChanged(string email);

    /// <summary>The IdP status of the account's people, by lower-case e-mail (for the dashboard).</summary>
    [ReadOnly]
    Task<IReadOnlyList<ScimPersonStatus>> PersonStatuses();
}

/// <summary>A person's IdP status: the user that names the e-mail as primary.</summary>
[GenerateSerializer, Immutable, Alias("fleet.ScimPersonStatus")]
public sealed record ScimPersonStatus(
    [property: Id(0)] string Email,
    [property: Id(1)] string UserId,
    [property: Id(2)] string UserName,
    [property: Id(3)] bool Active,
    [property: Id(4)] DateTimeOffset LastModified);

public static class ScimKeys
{
    /// <summary>The directory grain's key. Prefixed: a bare hex-looking key would be stored as a number (docs/graph.md).</summary>
    public static string Directory(string accountId) => "scim:" + accountId;

    /// <summary>The graph key of a provisioned user (stable across renames and e-mail changes).</summary>
    public static string UserEntity(string userId) => "scim-user:" + userId;

    public static string GroupEntity(string groupId) => "scim-group:" + groupId;
}
