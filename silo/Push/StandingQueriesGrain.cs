using Fleet.Contracts.Push;
using Fleet.Query;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;
using Microsoft.Extensions.Options;

namespace Fleet.Silo.Push;

using J1qlQuery = Fleet.Query.Syntax.Query;

/// <summary>
/// One account's standing queries, in memory. A batch of changes marks the subscriptions whose
/// <see cref="QueryFootprint"/> it touches; each marked subscription is re-run at most once per
/// <see cref="PushOptions.StandingQueryMinInterval"/> (the first change after a quiet spell at once), its ids diffed
/// against the last run, and what entered or left is published on the account's change feed for the gateway that
/// holds the subscription's connection.
/// </summary>
public sealed partial class StandingQueriesGrain(
    IAccountQueryRunner runner,
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

        var entry = new Subscription(subscription, gatewayId, parsed.Query, QueryFootprint.Of(parsed.Query));
        var result = await RunAsync(entry.Query);
        if (result is QueryFailure failure)
            return new StandingQueryAnswer(null, null, failure.Message, 0, 0);
        entry.Snapshot = ResultSnapshot.Of(result, entry.Query.Start.Target)!;
        entry.LastEvaluated = time.GetUtcNow();
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
            if (!subscription.Dirty && subscription.Footprint.IsAffectedBy(changes))
            {
                subscription.Dirty = true;
                marked = true;
            }
        }
        if (marked)
            ScheduleEvaluation();
        return Task.CompletedTask;
    }

    private void ScheduleEvaluation()
    {
        var dirty = subscriptions.Values.Where(s => s.Dirty).ToList();
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
        var due = subscriptions.Values.Where(s => s.Dirty && s.LastEvaluated + options.StandingQueryMinInterval <= now).ToList();
        // Dashboards often watch the same question: one run per distinct query serves all its subscriptions.
        await Task.WhenAll(due.GroupBy(s => s.Query).Select(EvaluateAsync));
        ScheduleEvaluation();
    }

    private async Task EvaluateAsync(IGrouping<J1qlQuery, Subscription> group)
    {
        var now = time.GetUtcNow();
        foreach (var subscription in group)
        {
            subscription.Dirty = false;
            subscription.LastEvaluated = now;
        }
        var result = await RunAsync(group.Key);
        var next = ResultSnapshot.Of(result, group.Key.Start.Target);
        if (next is null)
        {
            LogEvaluationFailed(logger, AccountId, group.First().Id, ((QueryFailure)result).Message);
            return;
        }
        foreach (var subscription in group)
        {
            var diff = subscription.Snapshot.DiffTo(next);
            subscription.Snapshot = next;
            if (diff.IsEmpty || !subscriptions.ContainsKey(subscription.Id))
                continue;
            GrainFactory.GetGrain<IAccountChangeFeedGrain>(AccountId)
                .Publish(new QueryResultChangedEvent(AccountId, subscription.Id, subscription.ConnectionId, diff.Added, diff.Removed, time.GetUtcNow()))
                .Ignore();
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

    private sealed class Subscription(StandingQuerySubscription subscription, string gatewayId, J1qlQuery query, QueryFootprint footprint)
    {
        public string Id { get; } = subscription.SubscriptionId;
        public string ConnectionId { get; } = subscription.ConnectionId;
        public string GatewayId { get; } = gatewayId;
        public J1qlQuery Query { get; } = query;
        public QueryFootprint Footprint { get; } = footprint;
        public ResultSnapshot Snapshot { get; set; } = ResultSnapshot.Empty;
        public DateTimeOffset LastEvaluated { get; set; } = DateTimeOffset.MinValue;
        public bool Dirty { get; set; }
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "Standing query {SubscriptionId} of {AccountId} failed to evaluate: {Reason}")]
    private static partial void LogEvaluationFailed(ILogger logger, string accountId, string subscriptionId, string reason);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Standing query {SubscriptionId} of {AccountId} could not be rebuilt: {Reason}")]
    private static partial void LogRebuildFailed(ILogger logger, string accountId, string subscriptionId, string? reason);
}
