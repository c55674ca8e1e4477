namespace Fleet.Contracts.Alerts;

public static class AlertStatus
{
    public const string Active = "ACTIVE";
    public const string Inactive = "INACTIVE";
    public const string Dismissed = "DISMISSED";
}

/// <summary>
/// One alert instance: ACTIVE while the rule's condition holds, then INACTIVE (it cleared) or DISMISSED (by a person).
/// <see cref="Entities"/> holds the JSON of the result items involved (bounded).
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.AlertInfo")]
public sealed record AlertInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string RuleId,
    [property: Id(2)] string RuleName,
    [property: Id(3)] string Status,
    [property: Id(4)] DateTimeOffset RaisedOn,
    [property: Id(5)] DateTimeOffset? EndedOn,
    [property: Id(6)] int Count,
    [property: Id(7)] IReadOnlyList<string> Entities,
    [property: Id(8)] string? DismissedBy);

/// <summary>One evaluation of a rule that changed something (history, bounded per rule).</summary>
[GenerateSerializer, Immutable, Alias("fleet.AlertEvaluation")]
public sealed record AlertEvaluation(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Outcome,
    [property: Id(2)] int Count,
    [property: Id(3)] int Added,
    [property: Id(4)] int Removed,
    [property: Id(5)] string? AlertId,
    [property: Id(6)] string? Error);

/// <summary>One attempt to deliver an action (delivery log, bounded per rule).</summary>
[GenerateSerializer, Immutable, Alias("fleet.AlertDeliveryAttempt")]
public sealed record AlertDeliveryAttempt(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string ActionType,
    [property: Id(2)] string Target,
    [property: Id(3)] int Attempt,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] bool Succeeded,
    [property: Id(6)] int? StatusCode,
    [property: Id(7)] string? Error,
    [property: Id(8)] bool Final);
