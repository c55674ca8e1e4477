using System.Text.Json;

namespace Fleet.Gateway.Alerts;

/// <summary>The body of <c>POST /api/v1/alert-rules</c> as sent; checked by <see cref="AlertRuleValidation"/>.</summary>
public sealed record AlertRuleRequest(
    string? Name,
    string? Query,
    string? Condition,
    IReadOnlyList<AlertActionRequest>? Actions,
    JsonElement? PollingInterval,
    bool? TriggerOnNewOnly,
    string? Secret);

public sealed record AlertActionRequest(
    string? Type,
    string? Endpoint,
    Dictionary<string, string>? Headers,
    IReadOnlyList<string>? Recipients);

/// <summary>The optional body of <c>POST /api/v1/alerts/{id}/dismiss</c>: who dismissed it.</summary>
public sealed record DismissRequest(string? By);
