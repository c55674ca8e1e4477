using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Fleet.Gateway.Push;

/// <summary>
/// The dashboard connections of this gateway by the API key they authenticated with, so a revoked key's open
/// connections are closed at once (docs/security.md, Authentication keys and revocation).
/// </summary>
public sealed class DashboardKeyConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> byKey = new(StringComparer.Ordinal);

    public void Add(string keyId, HubCallerContext connection) =>
        byKey.GetOrAdd(keyId, _ => new ConcurrentDictionary<string, HubCallerContext>(StringComparer.Ordinal))[connection.ConnectionId] = connection;

    public void Remove(string keyId, string connectionId)
    {
        if (byKey.TryGetValue(keyId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
            if (connections.IsEmpty)
                byKey.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, HubCallerContext>>(keyId, connections));
        }
    }

    /// <summary>Closes every connection opened with this key; answers how many.</summary>
    public int Abort(string keyId)
    {
        if (!byKey.TryRemove(keyId, out var connections))
            return 0;
        foreach (var connection in connections.Values)
            connection.Abort();
        return connections.Count;
    }
}
