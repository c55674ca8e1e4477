using Fleet.Contracts.Graph;
using Fleet.Contracts.Persons;
using Fleet.Contracts.Scim;
using Fleet.Grains.Hosting;

namespace Fleet.Grains.Scim;

/// <summary>
/// An account's SCIM directory (docs/scim.md). One grain per account: its turns serialize the changes, which is what
/// keeps userName unique under concurrent creates. A change is stored, then projected into the graph durably (flushed
/// and announced to standing queries) before the call returns. On activation it re-projects everything, so a
/// projection that failed after the state was written converges (re-publishing unchanged content writes nothing).
/// </summary>
public sealed partial class ScimDirectoryGrain(
    [PersistentState("scimDirectory", FleetSiloExtensions.GrainStorage)] IPersistentState<ScimDirectoryState> state,
    ScimOptions options,
    TimeProvider time,
    ILogger<ScimDirectoryGrain> logger) : Grain, IScimDirectoryGrain
{
    private const int ProjectionChunk = 100;
    private const string KeyPrefix = "scim:";
    private static readonly TimeSpan ReprojectionStep = TimeSpan.FromMilliseconds(50);
    private Queue<string> _reprojection = new();
    private IGrainTimer? _reprojectionTimer;

    private string AccountId => this.GetPrimaryKeyString()[KeyPrefix.Length..];

    private Dictionary<string, ScimUser> Users => state.State.Users;

    private Dictionary<string, ScimGroup> Groups => state.State.Groups;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!this.GetPrimaryKeyString().StartsWith(KeyPrefix, StringComparison.Ordinal))
            throw new InvalidOperationException("A SCIM directory's key is ScimKeys.Directory(accountId).");
        // Re-projected in small steps on a timer, so a large directory does not hold up the first request.
        _reprojection = new Queue<string>(Users.Keys.Concat(Groups.Keys));
        if (_reprojection.Count > 0)
            _reprojectionTimer = this.RegisterGrainTimer(ReprojectNextAsync, TimeSpan.Zero, ReprojectionStep);
        return Task.CompletedTask;
    }

    private async Task ReprojectNextAsync(CancellationToken cancellationToken)
    {
        try
        {
            var ids = Enumerable.Range(0, Math.Min(ProjectionChunk, _reprojection.Count)).Select(_ => _reprojection.Dequeue()).ToList();
            await Task.WhenAll(ids.Select(id =>
                Users.TryGetValue(id, out var user) ? ProjectUserAsync(user, previous: null)
                : Groups.TryGetValue(id, out var group) ? ProjectAsync(ScimGraphProjection.Group(group, previous: null))
                : Task.CompletedTask));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The directory still answers; the next change of each user projects it again.
            LogProjectionFailed(logger, e, AccountId);
            _reprojection.Clear();
        }
        if (_reprojection.Count == 0)
            _reprojectionTimer?.Dispose();
    }

    public async Task<ScimResult<ScimUser>> CreateUser(ScimUserInput input)
    {
        if (TakenUserName(input.UserName, exceptId: null) is { } taken)
            return ScimResult<ScimUser>.Fail(ScimErrorKind.Uniqueness, $"userName '{input.UserName}' is already taken by user {taken}.");
        if (Users.Count >= options.MaxUsersPerAccount)
            return ScimResult<ScimUser>.Fail(ScimErrorKind.LimitReached, $"this account holds {Users.Count} users, the most it may (Fleet:Scim:MaxUsersPerAccount); delete some first.");
        var now = time.GetUtcNow();
        var user = new ScimUser(Guid.NewGuid().ToString("D"), input, now, now, 1);
        Users[user.Id] = user;
        state.State.AccountId ??= AccountId;
        await state.WriteStateAsync();
        await ProjectUserAsync(user, previous: null);
        LogUserCreated(logger, AccountId, user.Id);
        return ScimResult<ScimUser>.Ok(user);
    }

    public Task<ScimUser?> GetUser(string id) => Task.FromResult(Users.GetValueOrDefault(id));

    public Task<ScimPage<ScimUser>> ListUsers(ScimFilter? filter, int startIndex, int count) =>
        Task.FromResult(Page(Users.Values.Where(u => filter is null || filter.Matches(u.Values)).OrderBy(u => u.Created).ThenBy(u => u.Id, StringComparer.Ordinal), startIndex, count));

    public async Task<ScimResult<ScimUser>> ReplaceUser(string id, ScimUserInput input, int? expectedVersion)
    {
        if (!Users.TryGetValue(id, out var existing))
            return ScimResult<ScimUser>.Fail(ScimErrorKind.NotFound, $"no user has the id '{id}'.");
        if (expectedVersion is { } version && version != existing.Version)
            return ScimResult<ScimUser>.Fail(ScimErrorKind.VersionMismatch, $"user '{id}' changed since it was read; read it again.");
        if (TakenUserName(input.UserName, exceptId: id) is { } taken)
            return ScimResult<ScimUser>.Fail(ScimErrorKind.Uniqueness, $"userName '{input.UserName}' is already taken by user {taken}.");
        if (SameInput(existing.Input, input))
            return ScimResult<ScimUser>.Ok(existing);
        var user = existing with { Input = input, LastModified = time.GetUtcNow(), Version = existing.Version + 1 };
        Users[id] = user;
        await state.WriteStateAsync();
        await ProjectUserAsync(user, existing);
        LogUserChanged(logger, AccountId, id, input.Active);
        return ScimResult<ScimUser>.Ok(user);
    }

    public async Task<bool> DeleteUser(string id)
    {
        if (!Users.Remove(id))
            return false;
        var groups = Groups.Values.Where(g => g.MemberIds.Contains(id)).ToList();
        var now = time.GetUtcNow();
        foreach (var group in groups)
            Groups[group.Id] = group with { MemberIds = [.. group.MemberIds.Where(m => m != id)], LastModified = now, Version = group.Version + 1 };
        await state.WriteStateAsync();
        // Deleting the entity removes its edges (IS, OWNS, the groups' HAS); the Person stays, it may own devices.
        await ProjectAsync(ScimGraphProjection.Delete(ScimKeys.UserEntity(id)));
        foreach (var group in groups)
            await ProjectAsync(ScimGraphProjection.Group(Groups[group.Id], previous: null));
        LogUserDeleted(logger, AccountId, id);
        return true;
    }

    public async Task<ScimResult<ScimGroup>> CreateGroup(ScimGroupInput input)
    {
        if (Groups.Count >= options.MaxGroupsPerAccount)
            return ScimResult<ScimGroup>.Fail(ScimErrorKind.LimitReached, $"this account holds {Groups.Count} groups, the most it may (Fleet:Scim:MaxGroupsPerAccount); delete some first.");
        if (TakenGroupName(input.DisplayName, exceptId: null) is { } taken)
            return ScimResult<ScimGroup>.Fail(ScimErrorKind.Uniqueness, $"displayName '{input.DisplayName}' is already taken by group {taken}.");
        if (CheckMembers(input.MemberIds, input.MemberIds.Distinct(StringComparer.Ordinal).Count()) is { } error)
            return ScimResult<ScimGroup>.Fail(error.Kind, error.Detail);
        var now = time.GetUtcNow();
        var group = new ScimGroup(Guid.NewGuid().ToString("D"), input.DisplayName, input.ExternalId, [.. input.MemberIds.Distinct(StringComparer.Ordinal)], now, now, 1);
        Groups[group.Id] = group;
        state.State.AccountId ??= AccountId;
        await state.WriteStateAsync();
        await ProjectAsync(ScimGraphProjection.Group(group, previous: null));
        return ScimResult<ScimGroup>.Ok(group);
    }

    public Task<ScimGroup?> GetGroup(string id) => Task.FromResult(Groups.GetValueOrDefault(id));

    public Task<ScimPage<ScimGroup>> ListGroups(ScimFilter? filter, int startIndex, int count) =>
        Task.FromResult(Page(Groups.Values.Where(g => filter is null || filter.Matches(g.Values)).OrderBy(g => g.Created).ThenBy(g => g.Id, StringComparer.Ordinal), startIndex, count));

    public Task<ScimResult<ScimGroup>> ReplaceGroup(string id, ScimGroupInput input) =>
        PatchGroup(id, new ScimGroupPatch(input.DisplayName, input.ExternalId ?? "", input.MemberIds, [], [], RemoveAllMembers: false));

    public async Task<ScimResult<ScimGroup>> PatchGroup(string id, ScimGroupPatch patch)
    {
        if (!Groups.TryGetValue(id, out var existing))
            return ScimResult<ScimGroup>.Fail(ScimErrorKind.NotFound, $"no group has the id '{id}'.");
        var displayName = patch.DisplayName ?? existing.DisplayName;
        if (TakenGroupName(displayName, exceptId: id) is { } taken)
            return ScimResult<ScimGroup>.Fail(ScimErrorKind.Uniqueness, $"displayName '{displayName}' is already taken by group {taken}.");
        var members = patch.RemoveAllMembers ? [] : (patch.ReplaceMembers ?? existing.MemberIds).ToList();
        var added = patch.AddMembers.Where(m => !members.Contains(m)).Distinct(StringComparer.Ordinal).ToList();
        members.AddRange(added);
        var removed = patch.RemoveMembers.ToHashSet(StringComparer.Ordinal);
        members = [.. members.Where(m => !removed.Contains(m)).Distinct(StringComparer.Ordinal)];
        if (CheckMembers((patch.ReplaceMembers ?? []).Concat(added), members.Count - existing.MemberIds.Count) is { } error)
            return ScimResult<ScimGroup>.Fail(error.Kind, error.Detail);
        var externalId = patch.ExternalId is null ? existing.ExternalId : patch.ExternalId.Length == 0 ? null : patch.ExternalId;
        if (displayName == existing.DisplayName && externalId == existing.ExternalId && members.SequenceEqual(existing.MemberIds))
            return ScimResult<ScimGroup>.Ok(existing);
        var group = existing with
        {
            DisplayName = displayName, ExternalId = externalId, MemberIds = members,
            LastModified = time.GetUtcNow(), Version = existing.Version + 1,
        };
        Groups[id] = group;
        await state.WriteStateAsync();
        await ProjectAsync(ScimGraphProjection.Group(group, ScimGraphProjection.Group(existing, previous: null)));
        return ScimResult<ScimGroup>.Ok(group);
    }

    public async Task<bool> DeleteGroup(string id)
    {
        if (!Groups.Remove(id))
            return false;
        await state.WriteStateAsync();
        await ProjectAsync(ScimGraphProjection.Delete(ScimKeys.GroupEntity(id)));
        return true;
    }

    public async Task PersonDevicesChanged(string email)
    {
        var normalized = PersonIds.NormalizeEmail(email);
        foreach (var user in Users.Values.Where(u => u.Input.PrimaryEmail is { } p && PersonIds.NormalizeEmail(p) == normalized).ToList())
            await ProjectUserAsync(user, previous: null);
    }

    public Task<IReadOnlyList<ScimPersonStatus>> PersonStatuses() => Task.FromResult<IReadOnlyList<ScimPersonStatus>>(
        [.. Users.Values.Where(u => !string.IsNullOrWhiteSpace(u.Input.PrimaryEmail))
            .Select(u => new ScimPersonStatus(PersonIds.NormalizeEmail(u.Input.PrimaryEmail!), u.Id, u.Input.UserName, u.Input.Active, u.LastModified))]);

    private string? TakenUserName(string userName, string? exceptId) =>
        Users.Values.FirstOrDefault(u => u.Id != exceptId && string.Equals(u.Input.UserName, userName, StringComparison.OrdinalIgnoreCase))?.Id;

    private string? TakenGroupName(string displayName, string? exceptId) =>
        Groups.Values.FirstOrDefault(g => g.Id != exceptId && string.Equals(g.DisplayName, displayName, StringComparison.OrdinalIgnoreCase))?.Id;

    /// <summary>New members must be users of this directory; <paramref name="growth"/> memberships more must fit the account's cap.</summary>
    private ScimError? CheckMembers(IEnumerable<string> newMemberIds, int growth)
    {
        if (newMemberIds.FirstOrDefault(m => !Users.ContainsKey(m)) is { } unknown)
            return new ScimError(ScimErrorKind.InvalidValue, $"member '{unknown}' is not a user of this directory; create the user first.");
        if (growth <= 0)
            return null; // shrinking or keeping a group's size is always allowed
        var memberships = Groups.Values.Sum(g => g.MemberIds.Count) + growth;
        return memberships > options.MaxMembershipsPerAccount
            ? new ScimError(ScimErrorKind.LimitReached, $"this account's groups would hold {memberships} memberships, more than it may (Fleet:Scim:MaxMembershipsPerAccount).")
            : null;
    }

    private static bool SameInput(ScimUserInput a, ScimUserInput b) =>
        a.UserName == b.UserName && a.ExternalId == b.ExternalId && a.Name == b.Name && a.DisplayName == b.DisplayName
        && a.Active == b.Active && a.Emails.SequenceEqual(b.Emails);

    private static ScimPage<T> Page<T>(IEnumerable<T> matches, int startIndex, int count)
    {
        var all = matches.ToList();
        var start = Math.Max(1, startIndex);
        return new ScimPage<T>(all.Count, start, [.. all.Skip(start - 1).Take(Math.Clamp(count, 0, ScimLimits.MaxPageSize))]);
    }

    /// <summary>Projects a user; with <paramref name="previous"/>, removes the edges the old version had (an e-mail change moves IS and OWNS).</summary>
    private async Task ProjectUserAsync(ScimUser user, ScimUser? previous)
    {
        var before = previous is null ? null : ScimGraphProjection.User(AccountId, previous, await DevicesOfAsync(previous.Input.PrimaryEmail), previous: null);
        await ProjectAsync(ScimGraphProjection.User(AccountId, user, await DevicesOfAsync(user.Input.PrimaryEmail), before));
    }

    private async Task<IReadOnlyList<string>> DevicesOfAsync(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
            return [];
        var person = await GrainFactory.GetGrain<IPersonGrain>(PersonIds.For(AccountId, email)).Get();
        return person?.DeviceIds ?? [];
    }

    private Task ProjectAsync(GraphWriteRequest request) => GrainFactory.GetGrain<IGraphWriterGrain>(0).PublishDurably(AccountId, request);

    [LoggerMessage(EventId = 7400, Level = LogLevel.Information, Message = "SCIM user {UserId} provisioned in account {AccountId}")]
    private static partial void LogUserCreated(ILogger logger, string accountId, string userId);

    [LoggerMessage(EventId = 7401, Level = LogLevel.Information, Message = "SCIM user {UserId} of account {AccountId} changed (active: {Active})")]
    private static partial void LogUserChanged(ILogger logger, string accountId, string userId, bool active);

    [LoggerMessage(EventId = 7402, Level = LogLevel.Information, Message = "SCIM user {UserId} of account {AccountId} deleted")]
    private static partial void LogUserDeleted(ILogger logger, string accountId, string userId);

    [LoggerMessage(EventId = 7403, Level = LogLevel.Warning, Message = "Projecting the SCIM directory of account {AccountId} into the graph failed; the next change retries")]
    private static partial void LogProjectionFailed(ILogger logger, Exception exception, string accountId);
}
