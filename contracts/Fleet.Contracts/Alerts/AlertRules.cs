namespace Fleet.Contracts.Alerts;

/// <summary>What an alert rule does when it fires: <c>WEBHOOK</c> (endpoint, headers) or <c>EMAIL</c> (recipients).</summary>
[GenerateSerializer, Immutable, Alias("fleet.AlertAction")]
public sealed record AlertAction(
    [property: Id(0)] string Type,
    [property: Id(1)] string? Endpoint,
    [property: Id(2)] IReadOnlyDictionary<string, string>? Headers,
    [property: Id(3)] IReadOnlyList<string>? Recipients)
{
    public const string Webhook = "WEBHOOK";
    public const string Email = "EMAIL";
}

/// <summary>
/// A rule as it is stored (already validated at the edge). <see cref="PollingInterval"/> null means evaluated on
/// every relevant change (debounced); otherwise on a timer. The secret keys the webhook signature.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.AlertRuleDefinition")]
public sealed record AlertRuleDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string Query,
    [property: Id(2)] string Condition,
    [property: Id(3)] IReadOnlyList<AlertAction> Actions,
    [property: Id(4)] TimeSpan? PollingInterval,
    [property: Id(5)] bool TriggerOnNewOnly,
    [property: Id(6)] string Secret);

/// <summary>A rule as the API shows it: never the secret.</summary>
[GenerateSerializer, Immutable, Alias("fleet.AlertRuleInfo")]
public sealed record AlertRuleInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Query,
    [property: Id(3)] string Condition,
    [property: Id(4)] IReadOnlyList<AlertAction> Actions,
    [property: Id(5)] TimeSpan? PollingInterval,
    [property: Id(6)] bool TriggerOnNewOnly,
    [property: Id(7)] DateTimeOffset CreatedOn,
    [property: Id(8)] string? ActiveAlertId);

/// <summary>Alert rule ids look like <c>alr_…</c> (32 hex digits), alert ids <c>alt_…</c>.</summary>
public static class AlertIds
{
    public static string NewRuleId() => "alr_" + Guid.NewGuid().ToString("N");

    public static string NewAlertId() => "alt_" + Guid.NewGuid().ToString("N");

    public static bool IsRuleId(string? id) => IsWellFormed(id, "alr_");

    public static bool IsAlertId(string? id) => IsWellFormed(id, "alt_");

    /// <summary><c>{accountId}/{ruleId}</c>: a rule grain always knows its account.</summary>
    public static string RuleGrainKey(string accountId, string ruleId) => $"{accountId}/{ruleId}";

    private static bool IsWellFormed(string? id, string prefix) =>
        id is { Length: 36 } && id.StartsWith(prefix, StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept(LowerHex.Digits);
}
