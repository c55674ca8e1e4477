namespace Fleet.Contracts.Alerts;

/// <summary>A rule to create, with its secret (given by the caller or generated at the edge).</summary>
[GenerateSerializer, Immutable, Alias("fleet.AlertRuleCreated")]
public sealed record AlertRuleCreated(
    [property: Id(0)] AlertRuleInfo Rule,
    [property: Id(1)] string Secret);

/// <summary>
/// The index of one account's alert rules (keyed by the account id): the ids and queries of at most
/// <see cref="MaxRules"/> rules. Hands each batch of changes to the rules whose query it can affect.
/// </summary>
public interface IAlertRulesGrain : IGrainWithStringKey
{
    public const int MaxRules = 200;

    /// <summary>Creates a rule and evaluates it once. Null when the account already has <see cref="MaxRules"/> rules.</summary>
    Task<AlertRuleCreated?> Create(AlertRuleDefinition definition);

    [ReadOnly]
    Task<IReadOnlyList<AlertRuleInfo>> List();

    /// <summary>False when no rule of this account has this id.</summary>
    Task<bool> Delete(string ruleId);

    /// <summary>Active and recent alerts of every rule, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<AlertInfo>> ListAlerts();

    /// <summary>Dismisses an active alert; null when no rule of this account has it.</summary>
    Task<AlertInfo?> Dismiss(string alertId, string by);

    /// <summary>A batch of device changes from the account's change feed (one-way).</summary>
    [OneWay]
    Task OnChanges(IReadOnlyList<Push.FleetEvent> changes);
}

/// <summary>One alert rule, keyed by <see cref="AlertIds.RuleGrainKey"/>: definition, last result, alerts, history, deliveries.</summary>
public interface IAlertRuleGrain : IGrainWithStringKey
{
    Task<AlertRuleInfo> Create(AlertRuleDefinition definition);

    [ReadOnly]
    Task<AlertRuleInfo?> Get();

    /// <summary>Removes the rule and everything it kept.</summary>
    Task Delete();

    /// <summary>Something the query may depend on changed: evaluate soon (debounced).</summary>
    [OneWay]
    Task Touch();

    /// <summary>Evaluates now and answers when done (tests, creation).</summary>
    Task Evaluate();

    [ReadOnly]
    Task<IReadOnlyList<AlertInfo>> ListAlerts();

    Task<AlertInfo?> Dismiss(string alertId, string by);

    [ReadOnly]
    Task<IReadOnlyList<AlertEvaluation>> History();

    [ReadOnly]
    Task<IReadOnlyList<AlertDeliveryAttempt>> Deliveries();

    /// <summary>The delivery worker reports an attempt.</summary>
    Task RecordDelivery(AlertDeliveryAttempt attempt);
}
