using Fleet.Contracts.Graph;
using Fleet.Contracts.Push;
using Fleet.Query;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;

namespace Fleet.Grains.StandingQueries;

using J1qlQuery = Fleet.Query.Syntax.Query;

/// <summary>
/// A standing query whose result can be kept up to date from the changed entities alone, without running it again:
/// one step (<c>FIND target [WITH filter]</c>), no <c>THAT</c>, no <c>WHERE</c>, no <c>ORDER BY</c>, no <c>SKIP</c>,
/// no relative dates (their answer moves with the clock, not with changes), answering the entities themselves (no
/// <c>RETURN</c>, or <c>RETURN TREE</c>, which for one step is the same entities). For these the full run is "the first
/// LIMIT entities, in the graph's order, that match the target and the filter", so an entity's membership depends on
/// that entity only — as long as the result is <see cref="IncrementalState.Complete">complete</see> (every match is in
/// it). A truncated result (more matches than LIMIT) depends on the graph's order; there only the changes that provably
/// leave it as it is are absorbed (a shown entity that still matches, a hidden one that does not, and — when the graph
/// says how a run orders its matches (<see cref="IAccountQueryRunner.BlockOrderAsync"/>) — any entity in a block after
/// the last shown one); the others ask for a full run.
/// </summary>
public sealed class IncrementalQuery
{
    private readonly TargetSelector target;
    private readonly CompiledFilter? filter;
    private readonly bool seesAgents;
    private readonly bool seesDevices;

    private IncrementalQuery(TargetSelector target, CompiledFilter? filter, int limit)
    {
        this.target = target;
        this.filter = filter;
        Limit = limit;
        seesAgents = target.Matches("HostAgent", "fleet_agent");
        seesDevices = target.Matches("Device", "fleet_device");
    }

    /// <summary>The LIMIT the executor applies (the query's own, or the default, capped at the maximum).</summary>
    public int Limit { get; }

    /// <summary>The incremental form of <paramref name="query"/>, or null when its shape needs full runs.</summary>
    public static IncrementalQuery? For(J1qlQuery query, QueryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(limits);
        if (query.Traversals.Count > 0 || query.Where is not null || query.OrderBy is not null || (query.Skip ?? 0) != 0
            || query.Return is not (null or ReturnTree))
            return null;
        if (query.Start.Filter is { } f && HasRelativeDate(f))
            return null;
        // Without relative dates the clock plays no part in the filter.
        var compiled = query.Start.Filter is { } filter ? CompiledFilter.Compile(filter, DateTimeOffset.UnixEpoch) : null;
        return new IncrementalQuery(query.Start.Target, compiled, limits.LimitOf(query));
    }

    /// <summary>Whether the entity belongs to the (untruncated) answer: the same test the executor applies to each entity.</summary>
    public bool Matches(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return target.Matches(entity.Class, entity.Type) && (filter is null || filter.Matches(entity));
    }

    /// <summary>
    /// The keys of the entities this query can see that the change may have changed (a device change: the device's
    /// <c>Device</c> and <c>HostAgent</c>); null when the change does not say which entities (a graph API write), so
    /// only a full run can tell.
    /// </summary>
    public IReadOnlyList<string>? KeysTouchedBy(FleetEvent change)
    {
        var deviceId = change switch
        {
            DeviceChangedEvent d => d.DeviceId,
            DeviceFactsChangedEvent f => f.DeviceId,
            AgentConnectivityChangedEvent c => c.DeviceId,
            _ => null,
        };
        if (deviceId is null)
            return null;
        return (seesAgents, seesDevices) switch
        {
            (true, true) => [GraphKeys.HostAgent(deviceId), GraphKeys.Device(deviceId)],
            (true, false) => [GraphKeys.HostAgent(deviceId)],
            (false, true) => [GraphKeys.Device(deviceId)],
            _ => [],
        };
    }

    /// <summary>
    /// The result after the entities under <paramref name="changed"/> keys took their current form (null: no entity has
    /// that key now). Either the new state and what entered or left, or <see cref="IncrementalOutcome.FullRunNeeded"/>.
    /// </summary>
    public IncrementalOutcome Apply(IncrementalState state, IReadOnlyDictionary<string, Entity?> changed, Func<Entity, long>? blockOf = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(changed);
        var added = new List<Entity>();
        var removed = new List<string>();
        foreach (var (key, entity) in changed)
        {
            var memberId = state.MemberIdOf(key);
            var matches = entity is not null && Matches(entity);
            if (memberId is not null && (!matches || entity!.Id != memberId))
            {
                // A member left: in a truncated result another match (which, the graph's order decides) takes its place.
                if (!state.Complete)
                    return IncrementalOutcome.FullRunNeeded;
                removed.Add(key);
            }
            if (matches && memberId != entity!.Id)
            {
                if (!state.Complete)
                {
                    // A match that is not shown: after the last shown block the cut is reached before it; else it may
                    // come before shown ones.
                    if (blockOf is not null && state.LastBlock is { } last && blockOf(entity) > last && memberId is null)
                        continue;
                    return IncrementalOutcome.FullRunNeeded;
                }
                added.Add(entity);
            }
        }
        if (added.Count == 0 && removed.Count == 0)
            return new IncrementalOutcome(state, new ResultDiff([], []));
        // More matches than LIMIT: which of them are shown is the graph's order's business.
        if (state.Count - removed.Count + added.Count > Limit)
            return IncrementalOutcome.FullRunNeeded;
        return state.With(added, removed);
    }

    /// <summary>
    /// The state after a full run: complete when fewer entities than LIMIT came back (null for a failed run). With the
    /// graph's <paramref name="blockOf"/>, a truncated state knows the last block it shows. Pass the result's snapshot when
    /// already made (it costs the JSON of every entity).
    /// </summary>
    public IncrementalState? StateOf(QueryResult result, Func<Entity, long>? blockOf = null, ResultSnapshot? snapshotOfResult = null)
    {
        var entities = result switch
        {
            ListResult list => (IEnumerable<Entity>)list.Entities,
            TreeResult tree => tree.Vertices,
            _ => null,
        };
        if (entities is null || (snapshotOfResult ?? ResultSnapshot.Of(result)) is not { } snapshot)
            return null;
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        long? lastBlock = null;
        foreach (var entity in entities)
        {
            members.TryAdd(entity.Key, entity.Id);
            if (blockOf is not null)
                lastBlock = Math.Max(lastBlock ?? long.MinValue, blockOf(entity));
        }
        // Exactly LIMIT back could be all of them or the first LIMIT of more: assume the latter.
        var complete = members.Count < Limit;
        return new IncrementalState(snapshot, members, complete, complete ? null : lastBlock);
    }

    private static bool HasRelativeDate(Filter filter) => filter switch
    {
        AndFilter and => and.Operands.Any(HasRelativeDate),
        OrFilter or => or.Operands.Any(HasRelativeDate),
        Comparison c => HasRelativeDate(c.Value),
        _ => false,
    };

    private static bool HasRelativeDate(FilterValue value) => value switch
    {
        RelativeDate => true,
        ValueList list => list.Values.Any(HasRelativeDate),
        _ => false,
    };
}

/// <summary>
/// What an incremental standing query knows about its result: the snapshot (id → JSON), which key each member has (so a
/// deleted entity, found by key no more, can leave), and whether the result is complete (every match is in it).
/// </summary>
public sealed class IncrementalState(ResultSnapshot snapshot, IReadOnlyDictionary<string, string> idByKey, bool complete, long? lastBlock = null)
{
    public ResultSnapshot Snapshot { get; } = snapshot;

    /// <summary>True when the result holds every match (fewer than LIMIT); false when it may be the first LIMIT of more.</summary>
    public bool Complete { get; } = complete;

    /// <summary>For a truncated result, the last block (in the graph's run order) holding a shown entity; null when unknown.</summary>
    public long? LastBlock { get; } = lastBlock;

    public int Count => idByKey.Count;

    public string? MemberIdOf(string key) => idByKey.GetValueOrDefault(key);

    internal IncrementalOutcome With(IReadOnlyList<Entity> added, IReadOnlyList<string> removedKeys)
    {
        var members = new Dictionary<string, string>(idByKey, StringComparer.Ordinal);
        var removedIds = new List<string>(removedKeys.Count);
        foreach (var key in removedKeys)
        {
            removedIds.Add(members[key]);
            members.Remove(key);
        }
        foreach (var entity in added)
            members[entity.Key] = entity.Id;
        var (next, diff) = Snapshot.Apply(added, removedIds);
        return new IncrementalOutcome(new IncrementalState(next, members, Complete), diff);
    }
}

/// <summary>The next state and what changed; or, when <see cref="NeedsFullRun"/>, nothing: only a full run can tell.</summary>
public sealed record IncrementalOutcome(IncrementalState? State, ResultDiff Diff)
{
    public static IncrementalOutcome FullRunNeeded { get; } = new(null, new ResultDiff([], []));

    public bool NeedsFullRun => State is null;
}
