using System.Text.Json;
using Fleet.Contracts.Alerts;
using Fleet.Contracts.Push;

namespace Fleet.Gateway.Push;

/// <summary>What dashboards receive (SignalR's JSON protocol writes these camelCase).</summary>
public static class PushMessages
{
    public const string DeviceChanged = "deviceChanged";
    public const string DevicesChanged = "devicesChanged";

    /// <summary>
    /// More device changes than this in one batch of the change feed (a policy change re-evaluating the fleet, a burst of
    /// enrolments) go out as one <see cref="DevicesChanged"/> message instead of one message each: the dashboard applies
    /// them to its copy of the fleet at once, so its numbers follow the re-evaluation as it converges.
    /// </summary>
    public const int MaxSeparateDeviceChanges = 25;
    public const string AgentConnectivityChanged = "agentConnectivityChanged";
    public const string AlertRaised = "alertRaised";
    public const string AlertResolved = "alertResolved";
    public const string QueryResultChanged = "queryResultChanged";

    public static DeviceChangedMessage ToMessage(DeviceChangedEvent e) =>
        new(e.DeviceId, e.OldStatus, e.NewStatus, e.Compliant, e.ChangedChecks, e.At, e.Failing);

    public static DevicesChangedMessage ToMessage(IEnumerable<DeviceChangedEvent> changes) => new([.. changes.Select(ToMessage)]);

    public static object ToMessage(AgentConnectivityChangedEvent e) => new AgentConnectivityChangedMessage(e.DeviceId, e.Online, e.At);

    public static AlertMessage ToMessage(AlertInfo a) =>
        new(a.Id, new AlertRuleRef(a.RuleId, a.RuleName), a.Status, a.RaisedOn, a.EndedOn, a.Count, Json(a.Entities), a.DismissedBy);

    public static object ToMessage(QueryResultChangedEvent e) => new QueryResultChangedMessage(e.SubscriptionId, Json(e.Added), e.Removed);

    /// <summary>Items stored as JSON text go out as JSON values, not as strings.</summary>
    public static IReadOnlyList<JsonElement> Json(IEnumerable<string> items) =>
        [.. items.Select(i => JsonDocument.Parse(i).RootElement.Clone())];
}

public sealed record DeviceChangedMessage(
    string DeviceId, string? OldStatus, string? NewStatus, bool Compliant, IReadOnlyList<string> ChangedChecks, DateTimeOffset At,
    IReadOnlyList<string>? Failing);

/// <summary>Many devices changed at once (see <see cref="PushMessages.MaxSeparateDeviceChanges"/>), in the order they changed.</summary>
public sealed record DevicesChangedMessage(IReadOnlyList<DeviceChangedMessage> Changes);

public sealed record AgentConnectivityChangedMessage(string DeviceId, bool Online, DateTimeOffset At);

public sealed record AlertRuleRef(string Id, string Name);

public sealed record AlertMessage(
    string Id, AlertRuleRef Rule, string Status, DateTimeOffset RaisedOn, DateTimeOffset? EndedOn, int Count,
    IReadOnlyList<JsonElement> Entities, string? DismissedBy);

public sealed record QueryResultChangedMessage(string SubscriptionId, IReadOnlyList<JsonElement> Added, IReadOnlyList<string> Removed);

/// <summary>The answer to <c>SubscribeQuery</c>: the id to unsubscribe with and the current result (docs/query-language.md shape).</summary>
public sealed record QuerySubscribed(string SubscriptionId, JsonElement Result);
