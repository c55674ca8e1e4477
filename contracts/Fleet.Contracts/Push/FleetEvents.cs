namespace Fleet.Contracts.Push;

/// <summary>
/// Something that happened in one account and is pushed to its dashboards (docs/push-and-alerts.md). Every event
/// names its account; the change feed of that account batches them and fans them out.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.FleetEvent")]
public abstract record FleetEvent([property: Id(0)] string AccountId, [property: Id(1)] DateTimeOffset At);

/// <summary>
/// A device's compliance or check results changed. Statuses are wire strings (PASS, NUDGE, FAIL, UNKNOWN);
/// <see cref="OldStatus"/> is null for a device evaluated for the first time (it entered the fleet). <see cref="Failing"/>
/// lists the checks that fail now (unwaived), as the device's summary does: with it a dashboard updates its copy of the
/// device without reading it again (a policy change changes every device at once).
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.DeviceChangedEvent")]
public sealed record DeviceChangedEvent(
    string AccountId,
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string? OldStatus,
    [property: Id(2)] string? NewStatus,
    [property: Id(3)] bool Compliant,
    [property: Id(4)] IReadOnlyList<string> ChangedChecks,
    DateTimeOffset At,
    [property: Id(5)] IReadOnlyList<string>? Failing = null) : FleetEvent(AccountId, At);

/// <summary>
/// A device's facts changed without changing its compliance (say its hostname or OS build), so its graph entities did.
/// Not pushed to dashboards; standing queries and alert rules over device properties are evaluated again.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.DeviceFactsChangedEvent")]
public sealed record DeviceFactsChangedEvent(
    string AccountId,
    [property: Id(0)] string DeviceId,
    DateTimeOffset At) : FleetEvent(AccountId, At);

/// <summary>A device's agent stream opened or closed (or its heartbeats stopped).</summary>
[GenerateSerializer, Immutable, Alias("fleet.AgentConnectivityChangedEvent")]
public sealed record AgentConnectivityChangedEvent(
    string AccountId,
    [property: Id(0)] string DeviceId,
    [property: Id(1)] bool Online,
    DateTimeOffset At) : FleetEvent(AccountId, At);

/// <summary>An alert became ACTIVE (<see cref="Raised"/>) or stopped being active (INACTIVE or DISMISSED).</summary>
[GenerateSerializer, Immutable, Alias("fleet.AlertChangedEvent")]
public sealed record AlertChangedEvent(
    string AccountId,
    [property: Id(0)] Alerts.AlertInfo Alert,
    [property: Id(1)] bool Raised,
    DateTimeOffset At) : FleetEvent(AccountId, At);

/// <summary>
/// Entities entered (<see cref="Added"/>, each the JSON of one result item) or left (<see cref="Removed"/>, ids) the
/// result of one standing query. Only the gateway holding <see cref="ConnectionId"/> delivers it.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.QueryResultChangedEvent")]
public sealed record QueryResultChangedEvent(
    string AccountId,
    [property: Id(0)] string SubscriptionId,
    [property: Id(1)] string ConnectionId,
    [property: Id(2)] IReadOnlyList<string> Added,
    [property: Id(3)] IReadOnlyList<string> Removed,
    DateTimeOffset At) : FleetEvent(AccountId, At);

/// <summary>
/// Entities or relationships of these classes were written through the graph API (e.g. an IdP sync), so standing
/// queries and alert rules over them are evaluated again. Not pushed to dashboards as such.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.GraphChangedEvent")]
public sealed record GraphChangedEvent(
    string AccountId,
    [property: Id(0)] IReadOnlyList<Graph.GraphClassType> Touched,
    DateTimeOffset At) : FleetEvent(AccountId, At);
