using Fleet.Contracts.Alerts;

namespace Fleet.Grains.Alerts;

/// <summary>
/// One rule's stored state. Every list is bounded (<see cref="AlertsOptions"/>), so the state never grows with the
/// fleet or with time: the last result's ids (capped), the current alert, a few ended alerts, the history of
/// evaluations that changed something, and the delivery log.
/// </summary>
public sealed class AlertRuleState
{
    public AlertRuleDefinition? Definition { get; set; }
    public DateTimeOffset CreatedOn { get; set; }
    public List<string> ResultIds { get; set; } = [];
    public int ResultCount { get; set; }
    public AlertInfo? Current { get; set; }
    public List<AlertInfo> Ended { get; set; } = [];
    public List<AlertEvaluation> History { get; set; } = [];
    public List<AlertDeliveryAttempt> Deliveries { get; set; } = [];
    /// <summary>Deliveries not yet succeeded or finally failed (bounded by the rule's actions × alert changes in flight).</summary>
    public List<PendingDelivery> Outbox { get; set; } = [];
    public string? LastError { get; set; }
}

/// <summary>The account's rule index: ids and queries only (at most <see cref="IAlertRulesGrain.MaxRules"/>).</summary>
public sealed class AlertRulesState
{
    public List<AlertRuleEntry> Rules { get; set; } = [];
}

public sealed record AlertRuleEntry(string Id, string Query, bool Polled);
