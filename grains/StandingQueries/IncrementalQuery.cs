using Fleet.Contracts.Graph;
using Fleet.Contracts.Push;
using Fleet.Grains.Graph;
using Fleet.Query;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;

namespace Fleet.Grains.StandingQueries;

using J1qlQuery = Fleet.Query.Syntax.Query;

/// <summary>
/// A standing query whose result can be kept up to date from the changed entities alone, without running it again.
/// Two shapes, both without <c>WHERE</c>, <c>ORDER BY</c>, <c>SKIP</c> or relative dates (their answer moves with the
/// clock, not with changes):
/// <list type="bullet">
/// <item><b>One step</b> (<c>FIND target [WITH filter]</c>, no <c>RETURN</c> or <c>RETURN TREE</c>, which for one step is
/// the same entities): an entity's membership depends on that entity only, tested with <see cref="Matches"/>.</item>
/// <item><b>A chain</b> (<c>FIND … THAT … THAT …</c>, no <c>!THAT</c>, no <c>RETURN</c>: a list of starts): a start's
/// membership depends on its paths, so a change re-checks only the starts that reach a changed entity
/// (<see cref="ApplyChain"/> with the graph's <see cref="StartRecheck"/>).</item>
/// </list>
/// This holds as long as the result is <see cref="IncrementalState.Complete">complete</see> (every match is in it). A
/// truncated result (more matches than LIMIT) depends on the graph's order; there only the changes that provably leave it
/// as it is are absorbed (a shown entity that still matches, a hidden one that does not, and — when the graph says how a
/// run orders its matches (<see cref="IAccountQueryRunner.BlockOrderAsync"/>) — any entity, or start whose paths are
/// anchored only, in a block after the last shown one); the others ask for a full run.
/// </summary>
public sealed class IncrementalQuery
{
    private readonly TargetSelector target;
    private readonly CompiledFilter? filter;
    private readonly bool seesAgents;
    private readonly bool seesDevices;

    // A chain's: the filter of each step (null: none), and the step a full run anchors at.
    private readonly CompiledFilter?[] stepFilters;
    private readonly int anchorStep;

    private IncrementalQuery(J1qlQuery query, int limit)
    {
        target = query.Start.Target;
        Limit = limit;
        IsChain = query.Traversals.Count > 0;
        // Without relative dates the clock plays no part in the filters.
        stepFilters = [.. query.Steps.Select(s => s.Filter is { } f ? CompiledFilter.Compile(f, DateTimeOffset.UnixEpoch) : null)];
        filter = IsChain ? null : stepFilters[0];
        anchorStep = QueryPlanner.Plan(query).AnchorStep;
        Skeleton = IsChain ? SkeletonOf(query) : null;
        var targets = query.Steps.Select(s => s.Target).ToList();
        seesAgents = targets.Any(t => t.Matches("HostAgent", "fleet_agent"));
        seesDevices = targets.Any(t => t.Matches("Device", "fleet_device"));
    }

    /// <summary>The LIMIT the executor applies (the query's own, or the default, capped at the maximum).</summary>
    public int Limit { get; }

    /// <summary>A chain (<see cref="ApplyChain"/>) rather than one step (<see cref="Apply"/>).</summary>
    public bool IsChain { get; }

    /// <summary>
    /// A chain's steps and links without filters, aliases or LIMIT: chains that differ only in those share one graph
    /// re-check (<see cref="IAccountQueryRunner.RecheckPathsAsync"/>) and each reads its own answer from the paths
    /// (<see cref="RecheckOf"/>). Null for one step.
    /// </summary>
    public J1qlQuery? Skeleton { get; }

    /// <summary>The incremental form of <paramref name="query"/>, or null when its shape needs full runs.</summary>
    public static IncrementalQuery? For(J1qlQuery query, QueryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(limits);
        if (query.Where is not null || query.OrderBy is not null || (query.Skip ?? 0) != 0)
            return null;
        var chain = query.Traversals.Count > 0;
        if (chain ? query.Return is not null || query.Traversals.Any(t => t.Negated) : query.Return is not (null or ReturnTree))
            return null;
        if (query.Steps.Any(s => s.Filter is { } f && HasRelativeDate(f)))
            return null;
        return new IncrementalQuery(query, limits.LimitOf(query));
    }

    /// <summary>This chain's re-check, from the complete paths of its skeleton: the paths every step's filter keeps.</summary>
    public StartRecheck RecheckOf(ChainPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!IsChain)
            throw new InvalidOperationException("a one-step query has no paths");
        var kept = paths.Paths.Where(path => path.Select((entity, step) => stepFilters[step]?.Matches(entity) ?? true).All(ok => ok));
        return new StartRecheck(paths.Affected, StartMatch.Of(kept, anchorStep));
    }

    private static J1qlQuery SkeletonOf(J1qlQuery query) => query with
    {
        Start = query.Start with { Filter = null, Alias = null },
        Traversals = query.Traversals.Select(t => t with { Target = t.Target with { Filter = null, Alias = null } }).ToEquatableArray(),
        Unique = false,
        Limit = null,
    };

    /// <summary>Whether the entity belongs to the (untruncated) answer: the same test the executor applies to each entity.</summary>
    public bool Matches(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (IsChain)
            throw new InvalidOperationException("a chain's membership is decided by its paths (ApplyChain)");
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
        if (IsChain)
            throw new InvalidOperationException("a chain's membership is decided by its paths (ApplyChain)");
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
        return Outcome(state, added, removed);
    }

    /// <summary>The state once <paramref name="added"/> entered and <paramref name="removed"/> (member keys) left.</summary>
    private IncrementalOutcome Outcome(IncrementalState state, List<Entity> added, List<string> removed)
    {
        if (added.Count == 0 && removed.Count == 0)
            return new IncrementalOutcome(state, new ResultDiff([], []));
        // More matches than LIMIT: which of them are shown is the graph's order's business.
        if (state.Count - removed.Count + added.Count > Limit)
            return IncrementalOutcome.FullRunNeeded;
        return state.With(added, removed);
    }

    /// <summary>
    /// The result of a chain after a change, from the graph's <paramref name="recheck"/> of the starts the changed entities
    /// reach: an affected start with a path now belongs, one without does not; no other start can have moved. Either the new
    /// state and what entered or left, or <see cref="IncrementalOutcome.FullRunNeeded"/>.
    /// </summary>
    public IncrementalOutcome ApplyChain(IncrementalState state, StartRecheck recheck, Func<Entity, long>? blockOf = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(recheck);
        if (!IsChain)
            throw new InvalidOperationException("a one-step query's membership is decided by its entities (Apply)");
        var matches = recheck.Matches.ToDictionary(m => m.Start.Id, StringComparer.Ordinal);
        var added = new List<Entity>();
        var removed = new List<string>();
        foreach (var id in recheck.Affected)
        {
            var memberKey = state.KeyOf(id);
            if (matches.TryGetValue(id, out var match))
            {
                if (memberKey is not null)
                {
                    // Still in a complete result; in a truncated one its first path may have moved past the cut.
                    if (!state.Complete)
                        return IncrementalOutcome.FullRunNeeded;
                    continue;
                }
                if (!state.Complete)
                {
                    // A start is placed by its earliest anchor: anchored only after the last shown block, it comes after the cut.
                    if (blockOf is not null && state.LastBlock is { } last && match.Anchors.Min(blockOf) > last)
                        continue;
                    return IncrementalOutcome.FullRunNeeded;
                }
                // Another member under the same key (a re-created start) is the full run's business.
                if (state.MemberIdOf(match.Start.Key) is not null)
                    return IncrementalOutcome.FullRunNeeded;
                added.Add(match.Start);
            }
            else if (memberKey is not null)
            {
                if (!state.Complete)
                    return IncrementalOutcome.FullRunNeeded;
                removed.Add(memberKey);
            }
        }
        return Outcome(state, added, removed);
    }

    /// <summary>
    /// The state after a full run: complete when fewer entities than LIMIT came back (null for a failed run). With the
    /// graph's <paramref name="blockOf"/>, a truncated state knows the last block it shows; a chain is told it
    /// (<paramref name="chainLastBlock"/>, see <see cref="LastAnchorBlock"/>). Pass the result's snapshot when already made
    /// (it costs the JSON of every entity).
    /// </summary>
    public IncrementalState? StateOf(
        QueryResult result, Func<Entity, long>? blockOf = null, ResultSnapshot? snapshotOfResult = null, long? chainLastBlock = null)
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
            if (blockOf is not null && !IsChain)
                lastBlock = Math.Max(lastBlock ?? long.MinValue, blockOf(entity));
        }
        if (IsChain)
            lastBlock = chainLastBlock;
        // Exactly LIMIT back could be all of them or the first LIMIT of more: assume the latter.
        var complete = members.Count < Limit;
        return new IncrementalState(snapshot, members, complete, complete ? null : lastBlock);
    }

    /// <summary>
    /// The last block a truncated chain shows: a start is placed by its earliest anchor, so the latest of the shown starts'
    /// earliest anchors. Any later block is a bound too (it only absorbs fewer changes), which is how a run over the
    /// blocks up to a bound keeps that bound.
    /// </summary>
    public static long? LastAnchorBlock(IReadOnlyList<StartMatch> shown, Func<Entity, long> blockOf)
    {
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(blockOf);
        return shown.Count == 0 ? null : shown.Max(m => m.Anchors.Min(blockOf));
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

    /// <summary>The key of the member with this id, or null when it is not a member.</summary>
    public string? KeyOf(string memberId)
    {
        keyById ??= idByKey.ToDictionary(m => m.Value, m => m.Key, StringComparer.Ordinal);
        return keyById.GetValueOrDefault(memberId);
    }

    // Built on the first KeyOf (chains look members up by id); the state never changes after that.
    private Dictionary<string, string>? keyById;

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
