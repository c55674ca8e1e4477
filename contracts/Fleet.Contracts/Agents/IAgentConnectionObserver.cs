namespace Fleet.Contracts.Agents;

/// <summary>
/// Implemented by each gateway (one object for all its accounts), subscribed to the
/// <see cref="IAgentConnectionsGrain"/> of every account that has agent streams open on that gateway.
/// Observers live in memory only: gateways re-subscribe periodically and the grain forgets silent ones.
/// </summary>
public interface IAgentConnectionObserver : IGrainObserver
{
    /// <summary>The account's policy or agent settings changed: send a fresh PolicyUpdate to its open streams.</summary>
    Task PolicyChanged(string accountId, long policyVersion);

    /// <summary>Asks the device's agent to scan now, if its stream is open on this gateway; true when it was handed to the stream.</summary>
    Task<bool> ScanNow(string accountId, string deviceId, string reason);

    /// <summary>Ends the device's stream if it is open on this gateway (the device was removed); true when one was ended.</summary>
    Task<bool> Disconnect(string accountId, string deviceId);
}
