namespace Fleet.Contracts.Agents;

/// <summary>
/// One per account (keyed by the account id): the gateways currently holding agent streams of the account,
/// as grain observers with expiry. Holds nothing in storage: after a deactivation the gateways' periodic
/// re-subscription (and their policy-version reconciliation) restore it.
/// </summary>
public interface IAgentConnectionsGrain : IGrainWithStringKey
{
    /// <summary>Adds the gateway's observer or refreshes its expiry.</summary>
    Task Subscribe(IAgentConnectionObserver observer);

    Task Unsubscribe(IAgentConnectionObserver observer);

    /// <summary>Tells every subscribed gateway that the policy/settings changed (fire and forget per gateway).</summary>
    Task PolicyChanged(long policyVersion);

    /// <summary>Asks every subscribed gateway to pass scan-now to the device's stream; true when one of them held it.</summary>
    Task<bool> ScanNow(string deviceId, string reason);

    /// <summary>Asks every subscribed gateway to end the device's open stream (the device was removed); not awaited per gateway.</summary>
    Task Disconnect(string deviceId);

    /// <summary>How many gateways are subscribed (diagnostics and tests).</summary>
    [ReadOnly]
    Task<int> CountGateways();
}
