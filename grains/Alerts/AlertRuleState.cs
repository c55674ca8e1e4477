using Fleet.Contracts.Alerts;

namespace Fleet.Grains.Alerts;

/// <summary>
/// One rule's stored state. Every list is bounded (<see cref="AlertsOptions"/>), so the state never grows with the
/// fleet or with time: the last result's ids (capped), the current alert, a few ended alerts, the history of
/// evaluations that changed something, and the delivery log.
/// </summary>
[GenerateSerializer, Alias("fleet.AlertRuleState")]
public sealed class AlertRuleState
{
    [Id(0)]
    public AlertRuleDefinition? Definition { get; set; }
    [Id(1)]
    public DateTimeOffset CreatedOn { get; set; }
    [Id(2)]
    public List<string> ResultIds { get; set; } = [];
    [Id(3)]
    public int ResultCount { get; set; }
    [Id(4)]
    public AlertInfo? Current { get; set; }
    [Id(5)]
    public List<AlertInfo> Ended { get; set; } = [];
    [Id(6)]
    public List<AlertEvaluation> History { get; set; } = [];
    [Id(7)]
    public List<AlertDeliveryAttempt> Deliveries { get; set; } = [];
    /// <summary>Deliveries not yet succeeded or finally failed (bounded by the rule's actions × alert changes in flight).</summary>
    [Id(8)]
    public List<PendingDelivery> Outbox { get; set; } = [];
    [Id(9)]
    public string? LastError { get; set; }
}

/// <summary>The account's rule index: ids and queries only (at most <see cref="IAlertRulesGrain.MaxRules"/>).</summary>
[GenerateSerializer, Alias("fleet.AlertRulesState")]
public sealed class AlertRulesState
{
    [Id(0)]
    public List<AlertRuleEntry> Rules { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("fleet.AlertRuleEntry")]
public sealed record AlertRuleEntry([property: Id(0)] string Id, [property: Id(1)] string Query, [property: Id(2)] bool Polled);
