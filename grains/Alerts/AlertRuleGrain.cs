using Fleet.Contracts.Alerts;
using Fleet.Contracts.Push;
using Fleet.Grains.Graph;
using Fleet.Grains.Hosting;
using Fleet.Grains.StandingQueries;
using Fleet.Hosting.Telemetry;
using Fleet.Query;
using Fleet.Query.Execution;
using Fleet.Query.Syntax;
using Orleans.Storage;

namespace Fleet.Grains.Alerts;

using J1qlQuery = Fleet.Query.Syntax.Query;

/// <summary>
/// One alert rule (keyed <c>{accountId}/{ruleId}</c>). Evaluates its query on change (debounced by
/// <see cref="AlertsOptions.MinEvaluationInterval"/>) or on a reminder when it polls; an alert is ACTIVE while the
/// condition holds and INACTIVE once it stops (or DISMISSED by a person). Every evaluation that changed something
/// is written once; one that changed nothing writes nothing.
/// </summary>
public sealed partial class AlertRuleGrain(
    [PersistentState("alertRule", FleetSiloExtensions.GrainStorage)] IPersistentState<AlertRuleState> state,
    IAccountQueryRunner runner,
    AlertDispatcher dispatcher,
    AlertsOptions options,
    TimeProvider time,
    ILogger<AlertRuleGrain> logger) : Grain, IAlertRuleGrain, IRemindable
{
    private const string PollReminder = "poll";
    /// <summary>Ticks while the outbox holds deliveries, so a restart resumes them even if nothing else wakes the rule.</summary>
    private const string DeliveryReminder = "deliveries";
    private static readonly TimeSpan DeliveryReminderPeriod = TimeSpan.FromMinutes(1);
    private J1qlQuery? query;
    private AlertCondition? condition;
    private IGrainTimer? evaluationTimer;
    private DateTimeOffset lastEvaluated = DateTimeOffset.MinValue;
    // A write failed: memory may hold changes that storage does not (or storage a newer version), so re-read before going on.
    private bool stateUnsure;
    private bool deliveryReminderRegistered;

    private string AccountId => this.GetPrimaryKeyString().Split('/')[0];
    private string RuleId => this.GetPrimaryKeyString().Split('/')[1];

    public async Task<AlertRuleInfo> Create(AlertRuleDefinition definition)
    {
        if (state.State.Definition is not null)
            throw new InvalidOperationException($"Alert rule {RuleId} already exists.");
        state.State.Definition = definition;
        state.State.CreatedOn = time.GetUtcNow();
        await state.WriteStateAsync();
        if (definition.PollingInterval is { } interval)
            await this.RegisterOrUpdateReminder(PollReminder, interval, interval);
        await Evaluate();
        return ToInfo();
    }

    public Task<AlertRuleInfo?> Get() => Task.FromResult(state.State.Definition is null ? null : ToInfo());

    public async Task Delete()
    {
        if (state.State.Outbox.Count > 0 || deliveryReminderRegistered)
            await StopDeliveryReminderAsync();
        if (state.State.Definition?.PollingInterval is not null)
        {
            var reminder = await this.GetReminder(PollReminder);
            if (reminder is not null)
                await this.UnregisterReminder(reminder);
        }
        evaluationTimer?.Dispose();
        evaluationTimer = null;
        await state.ClearStateAsync();
        state.State = new AlertRuleState();
        DeactivateOnIdle();
    }

    public Task Touch()
    {
        if (state.State.Definition is null || evaluationTimer is not null)
            return Task.CompletedTask;
        var now = time.GetUtcNow();
        var due = lastEvaluated + options.MinEvaluationInterval;
        evaluationTimer = this.RegisterGrainTimer(EvaluateOnTimer, due > now ? due - now : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Deliveries left in the outbox by an earlier activation (say its silo died mid-retry) go out again.
        ResumeDeliveries();
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeliveryReminder)
        {
            await EvaluateRecoveringAsync();
            return;
        }
        if (state.State.Outbox.Count == 0)
            await StopDeliveryReminderAsync();
        else
            ResumeDeliveries();
    }

    private void ResumeDeliveries()
    {
        if (state.State.Definition is not { } definition)
            return;
        foreach (var pending in state.State.Outbox)
        {
            // Already queued or running on this silo: the dispatcher keeps it once. A full queue: the next tick tries again.
            dispatcher.TryEnqueue(Job(definition, pending));
        }
    }

    private AlertDeliveryJob Job(AlertRuleDefinition definition, PendingDelivery pending) =>
        new(this.GetPrimaryKeyString(), pending.DeliveryId, pending.Action, pending.Body, definition.Secret, pending.Subject, pending.Text, pending.Attempts);

    private async Task StartDeliveryReminderAsync()
    {
        if (deliveryReminderRegistered)
            return;
        await this.RegisterOrUpdateReminder(DeliveryReminder, DeliveryReminderPeriod, DeliveryReminderPeriod);
        deliveryReminderRegistered = true;
    }

    private async Task StopDeliveryReminderAsync()
    {
        if (await this.GetReminder(DeliveryReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
        deliveryReminderRegistered = false;
    }

    private async Task EvaluateOnTimer()
    {
        evaluationTimer?.Dispose();
        evaluationTimer = null;
        await EvaluateRecoveringAsync();
    }

    /// <summary>
    /// An evaluation that finds storage at a newer version than this activation read (another writer of this rule's row, or
    /// a write that committed but reported a failure) starts again at once from what storage holds. Letting the
    /// <see cref="InconsistentStateException"/> escape makes Orleans deactivate the rule (timer ticks included), and the change
    /// that triggered this evaluation would wait for the next one.
    /// </summary>
    private async Task EvaluateRecoveringAsync()
    {
        try
        {
            await Evaluate();
        }
        catch (InconsistentStateException e)
        {
            LogStaleState(logger, e, RuleId);
            await Evaluate(); // re-reads first (stateUnsure)
        }
    }

    public async Task Evaluate()
    {
        await RereadIfUnsureAsync();
        if (state.State.Definition is not { } definition)
            return;
        var now = time.GetUtcNow();
        lastEvaluated = now;
        FleetTelemetry.AlertEvaluations.Add(1);
        query ??= J1qlParser.Parse(definition.Query, QueryLimits.Default).Query;
        condition ??= AlertCondition.Parse(definition.Condition).Condition;
        if (query is null || condition is null)
            return; // validated at creation; unreachable unless storage was edited by hand

        QueryResult result;
        try
        {
            result = await runner.RunAsync(AccountId, query, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            result = new QueryFailure(QueryFailureKind.Timeout, "the graph could not be read: " + e.Message);
        }
        var next = ResultSnapshot.Of(result, query.Start.Target);
        if (next is null)
        {
            var message = ((QueryFailure)result).Message;
            if (state.State.LastError != message)
            {
                state.State.LastError = message;
                AddHistory(new AlertEvaluation(now, "ERROR", state.State.ResultCount, 0, 0, state.State.Current?.Id, message));
                await WriteAsync();
            }
            LogEvaluationFailed(logger, RuleId, message);
            return;
        }

        var previous = ResultSnapshot.OfIds(state.State.ResultIds);
        var diff = previous.DiffTo(next);
        var holds = condition.Holds(next.Count);
        var current = state.State.Current;
        var changed = state.State.LastError is not null;
        state.State.LastError = null;
        // Actions and pushes go out only once the evaluation is stored: a failed write must not announce an alert that
        // storage does not hold (and that a retry or the next activation would announce again under another id).
        var effects = new List<Action>();
        var deliveries = new List<AlertDeliveryJob>();

        if (current is null && holds)
        {
            var alert = new AlertInfo(AlertIds.NewAlertId(), RuleId, definition.Name, AlertStatus.Active, now, null, next.Count,
                [.. next.Items.Values.Take(options.EntitiesPerAlert)], null);
            state.State.Current = alert;
            AddHistory(new AlertEvaluation(now, AlertStatus.Active, next.Count, diff.Added.Count, diff.Removed.Count, alert.Id, null));
            deliveries.AddRange(Fire(definition, alert, AlertStatus.Active, next.Items.Values, [], now));
            effects.Add(() => Push(alert, raised: true, now));
            changed = true;
        }
        else if (current is not null && !holds)
        {
            var ended = current with
            {
                Status = current.Status == AlertStatus.Dismissed ? AlertStatus.Dismissed : AlertStatus.Inactive,
                EndedOn = now,
                Count = next.Count,
            };
            state.State.Current = null;
            state.State.Ended.Insert(0, ended);
            if (state.State.Ended.Count > options.EndedAlertsKept)
                state.State.Ended.RemoveRange(options.EndedAlertsKept, state.State.Ended.Count - options.EndedAlertsKept);
            AddHistory(new AlertEvaluation(now, AlertStatus.Inactive, next.Count, diff.Added.Count, diff.Removed.Count, ended.Id, null));
            if (current.Status == AlertStatus.Active)
            {
                deliveries.AddRange(Fire(definition, ended, AlertStatus.Inactive, diff.Added, diff.Removed, now));
                effects.Add(() => Push(ended, raised: false, now));
            }
            changed = true;
        }
        else if (current is not null && !diff.IsEmpty)
        {
            var updated = current with { Count = next.Count, Entities = [.. next.Items.Values.Take(options.EntitiesPerAlert)] };
            state.State.Current = updated;
            AddHistory(new AlertEvaluation(now, "UPDATED", next.Count, diff.Added.Count, diff.Removed.Count, updated.Id, null));
            if (updated.Status == AlertStatus.Active && (diff.Added.Count > 0 || !definition.TriggerOnNewOnly))
                deliveries.AddRange(Fire(definition, updated, AlertStatus.Active, diff.Added, diff.Removed, now));
            changed = true;
        }

        if (!diff.IsEmpty || next.Count != state.State.ResultCount)
        {
            state.State.ResultIds = [.. next.Ids.Take(options.MaxStoredResultIds)];
            state.State.ResultCount = next.Count;
            changed = true;
        }
        if (!changed)
            return;
        // The deliveries are in the outbox of this same write: stored no later than the alert change they announce.
        if (state.State.Outbox.Count > 0)
        {
            try
            {
                await StartDeliveryReminderAsync();
            }
            catch
            {
                stateUnsure = true; // memory holds an evaluation that was never stored
                throw;
            }
        }
        await WriteAsync();
        foreach (var effect in effects)
            effect();
        if (Dispatch(deliveries, now))
            await WriteAsync();
    }

    public Task<IReadOnlyList<AlertInfo>> ListAlerts()
    {
        var alerts = new List<AlertInfo>();
        if (state.State.Current is { } current)
            alerts.Add(current);
        alerts.AddRange(state.State.Ended);
        return Task.FromResult<IReadOnlyList<AlertInfo>>(alerts);
    }

    public async Task<AlertInfo?> Dismiss(string alertId, string by)
    {
        await RereadIfUnsureAsync();
        if (state.State.Current is { } current && current.Id == alertId)
        {
            if (current.Status != AlertStatus.Active)
                return current;
            var now = time.GetUtcNow();
            var dismissed = current with { Status = AlertStatus.Dismissed, DismissedBy = by };
            state.State.Current = dismissed;
            AddHistory(new AlertEvaluation(now, AlertStatus.Dismissed, current.Count, 0, 0, current.Id, null));
            await WriteAsync();
            Push(dismissed, raised: false, now);
            return dismissed;
        }
        return state.State.Ended.FirstOrDefault(a => a.Id == alertId);
    }

    public Task<IReadOnlyList<AlertEvaluation>> History() => Task.FromResult<IReadOnlyList<AlertEvaluation>>([.. state.State.History]);

    public Task<IReadOnlyList<AlertDeliveryAttempt>> Deliveries() => Task.FromResult<IReadOnlyList<AlertDeliveryAttempt>>([.. state.State.Deliveries]);

    public async Task RecordDelivery(AlertDeliveryAttempt attempt)
    {
        await RereadIfUnsureAsync();
        if (state.State.Definition is null)
            return;
        state.State.Deliveries.Insert(0, attempt);
        if (state.State.Deliveries.Count > options.DeliveryLogLimit)
            state.State.Deliveries.RemoveRange(options.DeliveryLogLimit, state.State.Deliveries.Count - options.DeliveryLogLimit);
        // The outbox keeps the attempt count (a resumed delivery goes on counting); a final attempt removes the delivery.
        var index = state.State.Outbox.FindIndex(p => p.DeliveryId == attempt.DeliveryId);
        if (index >= 0)
        {
            if (attempt.Final)
                state.State.Outbox.RemoveAt(index);
            else
                state.State.Outbox[index] = state.State.Outbox[index] with { Attempts = attempt.Attempt };
        }
        await WriteAsync();
        if (state.State.Outbox.Count == 0 && deliveryReminderRegistered)
            await StopDeliveryReminderAsync();
    }

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            stateUnsure = true;
            throw;
        }
    }

    private async Task RereadIfUnsureAsync()
    {
        if (!stateUnsure)
            return;
        await state.ReadStateAsync();
        stateUnsure = false;
    }

    private void AddHistory(AlertEvaluation evaluation)
    {
        state.State.History.Insert(0, evaluation);
        if (state.State.History.Count > options.HistoryLimit)
            state.State.History.RemoveRange(options.HistoryLimit, state.State.History.Count - options.HistoryLimit);
    }

    /// <summary>One delivery per action of the rule, added to the outbox (stored with the evaluation's write).</summary>
    private List<AlertDeliveryJob> Fire(AlertRuleDefinition definition, AlertInfo alert, string status, IEnumerable<string> added, IReadOnlyList<string> removed, DateTimeOffset now)
    {
        var addedList = added.ToList();
        var body = AlertPayload.Build(RuleId, definition.Name, alert.Id, status, alert.Count, addedList, removed, now);
        var subject = $"[Fleet] {definition.Name}: {status} ({alert.Count})";
        var text = AlertPayload.Text(definition.Name, status, alert.Count, addedList.Count, removed.Count, now);
        var jobs = new List<AlertDeliveryJob>();
        foreach (var action in definition.Actions)
        {
            var pending = new PendingDelivery("dlv_" + Guid.NewGuid().ToString("N"), action, body, subject, text, 0);
            state.State.Outbox.Add(pending);
            jobs.Add(Job(definition, pending));
        }
        return jobs;
    }

    /// <summary>Queues stored deliveries; a full queue is logged as a failed, final attempt and leaves the outbox (true: state changed).</summary>
    private bool Dispatch(List<AlertDeliveryJob> jobs, DateTimeOffset now)
    {
        var dropped = false;
        foreach (var job in jobs)
        {
            if (dispatcher.TryEnqueue(job))
                continue;
            state.State.Deliveries.Insert(0, new AlertDeliveryAttempt(job.DeliveryId, job.Action.Type, job.Action.Endpoint ?? "", 0, now, false, null,
                "the delivery queue is full; delivery dropped", true));
            state.State.Outbox.RemoveAll(p => p.DeliveryId == job.DeliveryId);
            LogQueueFull(logger, RuleId);
            dropped = true;
        }
        return dropped;
    }

    private void Push(AlertInfo alert, bool raised, DateTimeOffset now) =>
        GrainFactory.GetGrain<IAccountChangeFeedGrain>(AccountId).Publish(new AlertChangedEvent(AccountId, alert, raised, now)).Ignore();

    private AlertRuleInfo ToInfo()
    {
        var d = state.State.Definition!;
        return new AlertRuleInfo(RuleId, d.Name, d.Query, d.Condition, d.Actions, d.PollingInterval, d.TriggerOnNewOnly,
            state.State.CreatedOn, state.State.Current?.Id);
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Alert rule {RuleId} failed to evaluate: {Reason}")]
    private static partial void LogEvaluationFailed(ILogger logger, string ruleId, string reason);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Warning, Message = "Alert rule {RuleId}: storage holds a newer version than this activation read; re-reading it and evaluating again")]
    private static partial void LogStaleState(ILogger logger, Exception exception, string ruleId);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Error, Message = "Alert rule {RuleId}: the delivery queue is full, a delivery was dropped")]
    private static partial void LogQueueFull(ILogger logger, string ruleId);
}
