namespace Fleet.Contracts.Push;

/// <summary>A standing query as its gateway knows it (sent again on keep-alive so a restarted silo can rebuild it).</summary>
[GenerateSerializer, Immutable, Alias("fleet.StandingQuerySubscription")]
public sealed record StandingQuerySubscription(
    [property: Id(0)] string SubscriptionId,
    [property: Id(1)] string ConnectionId,
    [property: Id(2)] string Query);

/// <summary>
/// The answer to a subscription: either the id and the current result (the JSON shape of docs/query-language.md), or
/// the syntax error (line, column, message) / failure message.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.StandingQueryAnswer")]
public sealed record StandingQueryAnswer(
    [property: Id(0)] string? SubscriptionId,
    [property: Id(1)] string? ResultJson,
    [property: Id(2)] string? Error,
    [property: Id(3)] int Line,
    [property: Id(4)] int Column)
{
    public bool Succeeded => SubscriptionId is not null;
}

/// <summary>
/// The standing queries of one account (keyed by the account id), evaluated in the silo next to the graph.
/// In memory only: a subscription lives as long as its dashboard connection; gateways keep theirs alive.
/// </summary>
public interface IStandingQueriesGrain : IGrainWithStringKey
{
    /// <summary>Parses and runs the query, remembers the result's ids, and answers the current result.</summary>
    Task<StandingQueryAnswer> Subscribe(string gatewayId, StandingQuerySubscription subscription);

    Task Unsubscribe(string subscriptionId);

    /// <summary>Removes every subscription of a closed dashboard connection.</summary>
    Task UnsubscribeConnection(string connectionId);

    /// <summary>
    /// The gateway is alive and holds these subscriptions: renews them and re-creates any this grain lost
    /// (a silo restart). Subscriptions of a gateway that stops calling expire.
    /// </summary>
    Task KeepAlive(string gatewayId, IReadOnlyList<StandingQuerySubscription> subscriptions);

    /// <summary>A batch of device changes from the account's change feed (one-way, never blocks the feed).</summary>
    [OneWay]
    Task OnChanges(IReadOnlyList<FleetEvent> changes);
}
