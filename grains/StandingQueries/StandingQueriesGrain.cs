using Fleet.Contracts.Push;
using Fleet.Grains.Graph;
using Fleet.Query;
using Fleet.Query.Evaluation;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;
using Microsoft.Extensions.Options;

namespace Fleet.Grains.StandingQueries;

using J1qlQuery = Fleet.Query.Syntax.Query;

/// <summary>
/// One account's standing queries, in memory. A batch of changes marks the subscriptions whose
/// <see cref="QueryFootprint"/> it touches; each marked subscription is evaluated at most once per
/// <see cref="PushOptions.StandingQueryMinInterval"/> (the first change after a quiet spell at once), and what entered
/// or left is published on the account's change feed for the gateway that holds the subscription's connection.
/// One-step queries (<see cref="IncrementalQuery"/>) are evaluated by reading only the entities the changes named and
/// testing the filter on them; chains by re-checking only the starts those entities reach; the others (and an incremental
/// one whose result a change may reorder) are run in full and diffed against the last result.
/// </summary>
public sealed partial class StandingQueriesGrain(
    IAccountQueryRunner runner,
    QueryLimits limits,
    IOptions<PushOptions> options,
    TimeProvider time,
    ILogger<StandingQueriesGrain> logger) : Grain, IStandingQueriesGrain
{
    private readonly PushOptions options = options.Value;
    private readonly Dictionary<string, Subscription> subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> gatewaysSeen = new(StringComparer.Ordinal);
    private IGrainTimer? evaluationTimer;
    private DateTimeOffset? evaluationDue;

    private string AccountId => this.GetPrimaryKeyString();

    public async Task<StandingQueryAnswer> Subscribe(string gatewayId, StandingQuerySubscription subscription)
    {
        gatewaysSeen[gatewayId] = time.GetUtcNow();
        var parsed = J1qlParser.Parse(subscription.Query, QueryLimits.Default);
        if (!parsed.IsSuccess)
            return new StandingQueryAnswer(null, null, parsed.Error.Message, parsed.Error.Line, parsed.Error.Column);
        if (!subscriptions.ContainsKey(subscription.SubscriptionId) && subscriptions.Count >= options.MaxStandingQueriesPerAccount)
            return new StandingQueryAnswer(null, null, $"this account already has {options.MaxStandingQueriesPerAccount} standing queries; unsubscribe some first", 0, 0);

        var incremental = options.IncrementalStandingQueries ? IncrementalQuery.For(parsed.Query, limits) : null;
        var entry = new Subscription(subscription, gatewayId, parsed.Query, QueryFootprint.Of(parsed.Query), incremental);
        var result = await RunAsync(entry.Query);
        if (result is QueryFailure failure)
            return new StandingQueryAnswer(null, null, failure.Message, 0, 0);
        entry.Snapshot = ResultSnapshot.Of(result, entry.Query.Start.Target)!;
        entry.State = incremental is null ? null : await StateAfterRunAsync(incremental, entry.Query, result, entry.Snapshot);
        entry.LastEvaluated = entry.LastFullRun = time.GetUtcNow();
        subscriptions[subscription.SubscriptionId] = entry;
        return new StandingQueryAnswer(subscription.SubscriptionId, QueryResultJson.ToJson(result), null, 0, 0);
    }

    public Task Unsubscribe(string subscriptionId)
    {
        subscriptions.Remove(subscriptionId);
        return Task.CompletedTask;
    }

    public Task UnsubscribeConnection(string connectionId)
    {
        foreach (var id in subscriptions.Values.Where(s => s.ConnectionId == connectionId).Select(s => s.Id).ToList())
            subscriptions.Remove(id);
        return Task.CompletedTask;
    }

    public async Task KeepAlive(string gatewayId, IReadOnlyList<StandingQuerySubscription> held)
    {
        var now = time.GetUtcNow();
        gatewaysSeen[gatewayId] = now;
        foreach (var subscription in held)
        {
            if (subscriptions.ContainsKey(subscription.SubscriptionId))
                continue;
            // This activation lost it (silo restart): rebuild the baseline; the dashboard keeps what it has.
            var answer = await Subscribe(gatewayId, subscription);
            if (!answer.Succeeded)
                LogRebuildFailed(logger, AccountId, subscription.SubscriptionId, answer.Error);
        }
        ExpireGateways(now);
    }

    public Task OnChanges(IReadOnlyList<FleetEvent> changes)
    {
        var marked = false;
        foreach (var subscription in subscriptions.Values)
        {
            if (subscription.Incremental is null)
            {
                if (!subscription.Dirty && subscription.Footprint.IsAffectedBy(changes))
                    subscription.Dirty = marked = true;
                continue;
            }
            // Incremental: remember which entities each relevant change names (all of them, not just the first).
            foreach (var change in changes)
            {
                if (!subscription.Footprint.IsAffectedBy(change))
                    continue;
                subscription.Dirty = marked = true;
                if (subscription.NeedsFullRun)
                    break;
                var keys = subscription.Incremental.KeysTouchedBy(change);
                if (keys is not null)
                    subscription.ChangedKeys.UnionWith(keys);
                if (keys is null || subscription.ChangedKeys.Count > options.MaxIncrementalChanges)
                    subscription.RequireFullRun();
            }
        }
        if (marked)
            ScheduleEvaluation();
        return Task.CompletedTask;
    }

    private void ScheduleEvaluation()
    {
        var dirty = subscriptions.Values.Where(s => s.Dirty && !s.Running).ToList();
        if (dirty.Count == 0)
            return;
        var now = time.GetUtcNow();
        var due = dirty.Min(s => Max(now, s.LastEvaluated + options.StandingQueryMinInterval));
        if (evaluationTimer is not null && evaluationDue <= due)
            return;
        evaluationTimer?.Dispose();
        evaluationDue = due;
        evaluationTimer = this.RegisterGrainTimer(EvaluateDueAsync, due - now, Timeout.InfiniteTimeSpan);
    }

    private async Task EvaluateDueAsync()
    {
        evaluationTimer?.Dispose();
        evaluationTimer = null;
        evaluationDue = null;
        var now = time.GetUtcNow();
        ExpireGateways(now);
        var due = subscriptions.Values.Where(s => s.Dirty && !s.Running && s.LastEvaluated + options.StandingQueryMinInterval <= now).ToList();
        // Dashboards often watch the same question: one run per distinct query serves all its subscriptions, and one
        // read of the changed entities serves every incremental query.
        var groups = due.GroupBy(s => (s.Query, s.Incremental is not null)).Select(g => (g.Key.Query, Subscriptions: g.ToList())).ToList();
        var read = await ReadChangedAsync(groups.Where(g => CanEvaluateIncrementally(g.Subscriptions, now)).SelectMany(g => g.Subscriptions).ToList());
        var chainPaths = read is null ? [] : RecheckChains(groups.Select(g => g.Subscriptions).Where(g => IsIncrementalChain(g, now)).ToList(), read);
        foreach (var (query, group) in groups)
        {
            foreach (var subscription in group)
            {
                subscription.Dirty = false;
                subscription.LastEvaluated = now;
            }
            var incremental = read is not null && CanEvaluateIncrementally(group, now);
            if (incremental && !group[0].Incremental!.IsChain && TryEvaluateIncrementally(group, read!))
                continue;
            // A chain's re-check reads the graph, and a full run can take hundreds of ms on a large graph: both go on in the
            // background (on this activation's scheduler) so that the next tick's cheap evaluations are not held up behind
            // them. Changes arriving meanwhile collect their keys for the next evaluation.
            foreach (var subscription in group)
            {
                subscription.ClearChanges();
                subscription.Running = true;
            }
            var paths = incremental && group[0].Incremental!.Skeleton is { } skeleton ? chainPaths.GetValueOrDefault(skeleton) : null;
            (paths is not null ? EvaluateChainAsync(query, group, paths, read!.BlockOf, now) : FullRunAsync(query, group, now)).Ignore();
        }
        ScheduleEvaluation();
    }

    private bool CanEvaluateIncrementally(List<Subscription> group, DateTimeOffset now) =>
        group.All(s => s.Incremental is not null && s.State is not null && !s.NeedsFullRun && s.LastFullRun + options.StandingQueryResyncInterval > now);

    /// <summary>The current entities under every key the subscriptions collected (null: the read failed, run in full).</summary>
    private async Task<ChangedEntities?> ReadChangedAsync(List<Subscription> incremental)
    {
        if (incremental.Count == 0)
            return null;
        var keys = incremental.SelectMany(s => s.ChangedKeys).ToHashSet(StringComparer.Ordinal);
        try
        {
            var current = keys.Count == 0 ? [] : await runner.GetByKeysAsync(AccountId, keys, CancellationToken.None);
            var blockOf = incremental.Any(s => !s.State!.Complete) ? await runner.BlockOrderAsync(AccountId, CancellationToken.None) : null;
            var byKey = new Dictionary<string, Entity>(StringComparer.Ordinal);
            foreach (var entity in current)
                byKey.TryAdd(entity.Key, entity);
            return new ChangedEntities(byKey, blockOf);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogIncrementalReadFailed(logger, AccountId, keys.Count, e.Message);
            return null;
        }
    }

    private sealed record ChangedEntities(IReadOnlyDictionary<string, Entity> ByKey, Func<Entity, long>? BlockOf);

    private bool IsIncrementalChain(List<Subscription> group, DateTimeOffset now) =>
        group[0].Incremental is { IsChain: true } && CanEvaluateIncrementally(group, now);

    /// <summary>
    /// One graph re-check per chain skeleton, started now, for the entities every due chain of that skeleton was changed
    /// through: chains that differ only in their filters share it. A skeleton whose changed entity is gone gets none (its
    /// edges went with it, so it cannot be walked back from): its chains run in full.
    /// </summary>
    private Dictionary<J1qlQuery, Task<ChainPaths?>> RecheckChains(List<List<Subscription>> chains, ChangedEntities read)
    {
        var rechecks = new Dictionary<J1qlQuery, Task<ChainPaths?>>();
        foreach (var sameSkeleton in chains.GroupBy(g => g[0].Incremental!.Skeleton!))
        {
            var keys = sameSkeleton.SelectMany(g => g).SelectMany(s => s.ChangedKeys).ToHashSet(StringComparer.Ordinal);
            if (keys.All(read.ByKey.ContainsKey))
                rechecks[sameSkeleton.Key] = RecheckPathsAsync(sameSkeleton.Key, [.. keys.Select(k => read.ByKey[k])]);
        }
        return rechecks;
    }

    private async Task<ChainPaths?> RecheckPathsAsync(J1qlQuery skeleton, List<Entity> changed)
    {
        if (changed.Count == 0)
            return new ChainPaths(new HashSet<string>(), []);
        try
        {
            return await runner.RecheckPathsAsync(AccountId, skeleton, changed, options.MaxIncrementalPaths, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogIncrementalReadFailed(logger, AccountId, changed.Count, e.Message);
            return null;
        }
    }

    /// <summary>
    /// A chain's incremental evaluation, in the background: each subscription's result takes in the starts the graph
    /// re-checked (<see cref="RecheckChains"/>); a result that cannot (truncated, and the change may reorder it), or a
    /// failed re-check, is run in full instead.
    /// </summary>
    private async Task EvaluateChainAsync(J1qlQuery query, List<Subscription> group, Task<ChainPaths?> recheck, Func<Entity, long>? blockOf, DateTimeOffset now)
    {
        try
        {
            var paths = await recheck;
            var outcomes = paths is null ? null : group.Select(s => s.Incremental!.ApplyChain(s.State!, s.Incremental.RecheckOf(paths), blockOf)).ToList();
            if (outcomes is not null && !outcomes.Any(o => o.NeedsFullRun))
            {
                for (var i = 0; i < group.Count; i++)
                    Advance(group[i], outcomes[i]);
                return;
            }
            await FullRunCoreAsync(query, group, now);
        }
        finally
        {
            foreach (var subscription in group)
                subscription.Running = false;
            ScheduleEvaluation();
        }
    }

    /// <summary>
    /// The incremental state after a full run, or a run over the blocks up to <paramref name="prefixBlock"/>. A truncated
    /// chain keeps that bound, or after a full run asks the graph where its shown starts' paths are anchored.
    /// </summary>
    private async Task<IncrementalState?> StateAfterRunAsync(
        IncrementalQuery incremental, J1qlQuery query, QueryResult result, ResultSnapshot snapshot, long? prefixBlock = null)
    {
        var blockOf = await BlockOrderAsync();
        var chainLastBlock = prefixBlock;
        if (incremental.IsChain && prefixBlock is null && blockOf is not null && result is ListResult list && list.Entities.Count >= incremental.Limit)
        {
            try
            {
                var shown = await runner.MatchStartsAsync(AccountId, query, [.. list.Entities.Select(e => e.Id)], CancellationToken.None);
                chainLastBlock = shown is null ? null : IncrementalQuery.LastAnchorBlock(shown, blockOf);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Without it a truncated chain runs in full on every change that reaches a start.
                LogIncrementalReadFailed(logger, AccountId, list.Entities.Count, e.Message);
            }
        }
        return incremental.StateOf(result, blockOf, snapshot, chainLastBlock);
    }

    private async Task FullRunAsync(J1qlQuery query, List<Subscription> group, DateTimeOffset now)
    {
        try
        {
            await FullRunCoreAsync(query, group, now);
        }
        finally
        {
            // Changes that arrived meanwhile left their subscriptions dirty (and their keys collected): evaluated next.
            foreach (var subscription in group)
                subscription.Running = false;
            ScheduleEvaluation();
        }
    }

    private async Task FullRunCoreAsync(J1qlQuery query, List<Subscription> group, DateTimeOffset now)
    {
        // A truncated incremental result is decided by its blocks up to the last shown one: read only those if they suffice.
        QueryResult? result = null;
        long? prefixBlock = null;
        if (group.All(s => s.Incremental is not null) && group[0].State is { Complete: false, LastBlock: { } lastBlock })
        {
            result = await RunPrefixAsync(query, lastBlock);
            prefixBlock = result is null ? null : lastBlock;
        }
        result ??= await RunAsync(query);
        var next = ResultSnapshot.Of(result, query.Start.Target);
        if (next is null)
        {
            LogEvaluationFailed(logger, AccountId, group[0].Id, ((QueryFailure)result).Message);
            // The changes are not lost: the next evaluation must be a full run too.
            foreach (var subscription in group.Where(s => s.Incremental is not null))
                subscription.RequireFullRun();
            return;
        }
        var state = group[0].Incremental is { } incremental ? await StateAfterRunAsync(incremental, query, result, next, prefixBlock) : null;
        foreach (var subscription in group)
        {
            var diff = subscription.Snapshot.DiffTo(next);
            subscription.Snapshot = next;
            subscription.State = state;
            subscription.LastFullRun = now;
            Publish(subscription, diff);
        }
    }

    /// <summary>
    /// Applies the current form of the entities the group's pending changes named to each (one-step) subscription's result. False
    /// (nothing applied) when a result cannot absorb them (a truncated result a change may reorder, or one growing past its
    /// LIMIT): then the group is run in full.
    /// </summary>
    private bool TryEvaluateIncrementally(List<Subscription> group, ChangedEntities read)
    {
        var changed = new Dictionary<string, Entity?>(StringComparer.Ordinal);
        foreach (var key in group.SelectMany(s => s.ChangedKeys))
            changed[key] = read.ByKey.GetValueOrDefault(key);
        var outcomes = group.Select(s => s.Incremental!.Apply(s.State!, changed, read.BlockOf)).ToList();
        if (outcomes.Any(o => o.NeedsFullRun))
            return false;
        for (var i = 0; i < group.Count; i++)
        {
            group[i].ClearChanges();
            Advance(group[i], outcomes[i]);
        }
        return true;
    }

    private void Advance(Subscription subscription, IncrementalOutcome outcome)
    {
        subscription.State = outcome.State;
        subscription.Snapshot = outcome.State!.Snapshot;
        Publish(subscription, outcome.Diff);
    }

    private async Task<Func<Entity, long>?> BlockOrderAsync()
    {
        try
        {
            return await runner.BlockOrderAsync(AccountId, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Without it a truncated result just runs in full more often.
            LogIncrementalReadFailed(logger, AccountId, 0, e.Message);
            return null;
        }
    }

    private void Publish(Subscription subscription, ResultDiff diff)
    {
        // Gone, or replaced (subscribed again under its id) while a background run was in flight: not ours to push.
        if (diff.IsEmpty || !subscriptions.TryGetValue(subscription.Id, out var current) || !ReferenceEquals(current, subscription))
            return;
        GrainFactory.GetGrain<IAccountChangeFeedGrain>(AccountId)
            .Publish(new QueryResultChangedEvent(AccountId, subscription.Id, subscription.ConnectionId, diff.Added, diff.Removed, time.GetUtcNow()))
            .Ignore();
    }

    private async Task<QueryResult?> RunPrefixAsync(J1qlQuery query, long lastBlock)
    {
        try
        {
            return await runner.RunPrefixAsync(AccountId, query, lastBlock, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogIncrementalReadFailed(logger, AccountId, 0, e.Message);
            return null;
        }
    }

    private async Task<QueryResult> RunAsync(J1qlQuery query)
    {
        try
        {
            return await runner.RunAsync(AccountId, query, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new QueryFailure(QueryFailureKind.Timeout, "the graph could not be read: " + e.Message);
        }
    }

    private void ExpireGateways(DateTimeOffset now)
    {
        var expired = gatewaysSeen.Where(g => g.Value + options.ObserverExpiry < now).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        if (expired.Count == 0)
            return;
        foreach (var gateway in expired)
            gatewaysSeen.Remove(gateway);
        foreach (var id in subscriptions.Values.Where(s => expired.Contains(s.GatewayId)).Select(s => s.Id).ToList())
            subscriptions.Remove(id);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed class Subscription(
        StandingQuerySubscription subscription, string gatewayId, J1qlQuery query, QueryFootprint footprint, IncrementalQuery? incremental)
    {
        public string Id { get; } = subscription.SubscriptionId;
        public string ConnectionId { get; } = subscription.ConnectionId;
        public string GatewayId { get; } = gatewayId;
        public J1qlQuery Query { get; } = query;
        public QueryFootprint Footprint { get; } = footprint;
        public ResultSnapshot Snapshot { get; set; } = ResultSnapshot.Empty;
        public DateTimeOffset LastEvaluated { get; set; } = DateTimeOffset.MinValue;
        public bool Dirty { get; set; }

        /// <summary>A full run of it is in flight: not evaluated again until it is done.</summary>
        public bool Running { get; set; }

        /// <summary>Null: every evaluation is a full run.</summary>
        public IncrementalQuery? Incremental { get; } = incremental;

        /// <summary>The incremental view of <see cref="Snapshot"/> (null until a full run succeeded).</summary>
        public IncrementalState? State { get; set; }

        public DateTimeOffset LastFullRun { get; set; } = DateTimeOffset.MinValue;

        /// <summary>Keys of the entities changed since the last evaluation (incremental only).</summary>
        public HashSet<string> ChangedKeys { get; } = new(StringComparer.Ordinal);

        /// <summary>A change since the last evaluation that only a full run can account for.</summary>
        public bool NeedsFullRun { get; private set; }

        public void RequireFullRun()
        {
            NeedsFullRun = true;
            ChangedKeys.Clear();
        }

        public void ClearChanges()
        {
            NeedsFullRun = false;
            ChangedKeys.Clear();
        }
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "Standing query {SubscriptionId} of {AccountId} failed to evaluate: {Reason}")]
    private static partial void LogEvaluationFailed(ILogger logger, string accountId, string subscriptionId, string reason);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Standing queries of {AccountId} could not read {Count} changed entities (a full run follows): {Reason}")]
    private static partial void LogIncrementalReadFailed(ILogger logger, string accountId, int count, string reason);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Standing query {SubscriptionId} of {AccountId} could not be rebuilt: {Reason}")]
    private static partial void LogRebuildFailed(ILogger logger, string accountId, string subscriptionId, string? reason);
}
