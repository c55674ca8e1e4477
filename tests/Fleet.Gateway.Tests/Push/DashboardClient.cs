using System.Text.Json;
using System.Threading.Channels;
using Fleet.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fleet.Gateway.Tests.Push;

/// <summary>
/// A dashboard: a real SignalR client on a gateway's <c>/hubs/fleet</c>, authenticated with an account key in
/// <c>access_token</c>. Records every event it is pushed, in arrival order; tests await the next matching one.
/// </summary>
public sealed class DashboardClient : IAsyncDisposable
{
    public static readonly string[] Events = ["deviceChanged", "agentConnectivityChanged", "alertRaised", "alertResolved", "queryResultChanged"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Channel<(string Name, JsonElement Body)> _received = Channel.CreateUnbounded<(string, JsonElement)>();

    private DashboardClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    public static async Task<DashboardClient> ConnectAsync(GatewayProcess gateway, string apiKey)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(gateway.BaseAddress, "/hubs/fleet"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(apiKey))
            .Build();
        var client = new DashboardClient(connection);
        foreach (var name in Events)
            connection.On<JsonElement>(name, body => client._received.Writer.TryWrite((name, body)));
        await connection.StartAsync();
        return client;
    }

    /// <summary>The next event called <paramref name="name"/> matching <paramref name="match"/>; other events are skipped.</summary>
    public async Task<JsonElement> NextAsync(string name, Func<JsonElement, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var (received, body) = await _received.Reader.ReadAsync(timeout.Token);
            if (received == name && (match is null || match(body)))
                return body;
        }
    }

    /// <summary>Every event received up to and including the first called <paramref name="name"/> matching <paramref name="match"/>.</summary>
    public async Task<List<(string Name, JsonElement Body)>> UntilAsync(string name, Func<JsonElement, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var seen = new List<(string, JsonElement)>();
        while (true)
        {
            var (received, body) = await _received.Reader.ReadAsync(timeout.Token);
            seen.Add((received, body));
            if (received == name && match(body))
                return seen;
        }
    }

    /// <summary>Everything received so far, without waiting.</summary>
    public List<(string Name, JsonElement Body)> Drain()
    {
        var items = new List<(string, JsonElement)>();
        while (_received.Reader.TryRead(out var item))
            items.Add(item);
        return items;
    }

    public async Task<(string SubscriptionId, JsonElement Result)> SubscribeQueryAsync(string query)
    {
        var answer = await Connection.InvokeAsync<JsonElement>("SubscribeQuery", query);
        return (answer.GetProperty("subscriptionId").GetString()!, answer.GetProperty("result"));
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
