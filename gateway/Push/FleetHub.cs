using Fleet.Contracts.Push;
using Fleet.Gateway.Security;
using Fleet.Hosting.Limits;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Fleet.Gateway.Push;

/// <summary>
/// <c>/hubs/fleet</c>: dashboards of one account (key in <c>access_token</c>). Each connection joins its account's
/// group only; the gateway's observer forwards the account's change feed to that group. Standing queries:
/// <see cref="SubscribeQuery"/> answers the current result, then <c>queryResultChanged</c> carries what entered or
/// left it; <see cref="Unsubscribe"/>; every subscription of a connection ends with it.
/// </summary>
[Authorize(Policy = FleetPolicies.Account)]
public sealed class FleetHub(
    DashboardConnections dashboards, DashboardKeyConnections keyConnections, LimitsOptions limits, IGrainFactory grains) : Hub
{
    public const string Path = "/hubs/fleet";
    private const int MaxQueryLength = 10_000;

    public static string Group(string accountId) => "account:" + accountId;

    private string AccountId => Context.User!.GetAccountId()!;

    public override async Task OnConnectedAsync()
    {
        if (Context.User!.GetApiKeyId() is { } keyId)
            keyConnections.Add(keyId, Context);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(AccountId));
        await dashboards.ConnectedAsync(AccountId, Context.ConnectionId);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.User!.GetApiKeyId() is { } keyId)
            keyConnections.Remove(keyId, Context.ConnectionId);
        await dashboards.DisconnectedAsync(AccountId, Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    public async Task<QuerySubscribed> SubscribeQuery(string query)
    {
        if (string.IsNullOrWhiteSpace(query) || query.Length > MaxQueryLength)
            throw new HubException($"A standing query needs a J1QL text of 1 to {MaxQueryLength} characters.");
        if (dashboards.SubscriptionCount(AccountId, Context.ConnectionId) >= limits.StandingQueriesPerConnection)
            throw new HubException($"A connection may hold at most {limits.StandingQueriesPerConnection} standing queries (limit: standingQueriesPerConnection); unsubscribe one first.");
        var subscription = new StandingQuerySubscription("sub_" + Guid.NewGuid().ToString("N"), Context.ConnectionId, query);
        var answer = await grains.GetGrain<IStandingQueriesGrain>(AccountId).Subscribe(dashboards.GatewayId, subscription);
        if (!answer.Succeeded)
        {
            throw new HubException(answer.Line > 0
                ? $"The query does not parse at line {answer.Line}, column {answer.Column}: {answer.Error}"
                : $"The query cannot be subscribed: {answer.Error}");
        }
        dashboards.AddSubscription(AccountId, subscription);
        using var result = System.Text.Json.JsonDocument.Parse(answer.ResultJson!);
        return new QuerySubscribed(subscription.SubscriptionId, result.RootElement.Clone());
    }

    public async Task Unsubscribe(string subscriptionId)
    {
        // Only this connection's own subscriptions: an id of another connection is ignored.
        if (dashboards.RemoveSubscription(AccountId, Context.ConnectionId, subscriptionId))
            await grains.GetGrain<IStandingQueriesGrain>(AccountId).Unsubscribe(subscriptionId);
    }
}
