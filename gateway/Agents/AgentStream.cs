using System.Threading.Channels;
using Fleet.Compliance.Policy;
using Semver;
using Wire = Fleet.Agent.V1;

namespace Fleet.Gateway.Agents;

/// <summary>
/// One open Connect stream as the rest of the gateway sees it: who it belongs to (from the token, never from a
/// message) and a bounded queue of messages for its single writer. Acks wait for room; pushes that find the
/// queue full are dropped (a stuck agent must not grow memory) and the periodic reconciliation resends the policy.
/// </summary>
public sealed class AgentStream : IDisposable
{
    private readonly Channel<Wire.ServerMessage> _outgoing;
    private readonly CancellationTokenSource _closing;
    private readonly Lock _policyGate = new();
    private Wire.PolicyUpdate? _lastPolicy;
    private string? _lastUpgradeMinimum;

    public AgentStream(string accountId, string deviceId, int outgoingCapacity, CancellationToken callCancelled)
    {
        AccountId = accountId;
        DeviceId = deviceId;
        _outgoing = Channel.CreateBounded<Wire.ServerMessage>(new BoundedChannelOptions(outgoingCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _closing = CancellationTokenSource.CreateLinkedTokenSource(callCancelled);
    }

    public string AccountId { get; }
    public string DeviceId { get; }

    /// <summary>The version the agent said in its Hello; null when the stream was opened without one (tests).</summary>
    public SemVersion? AgentVersion { get; init; }

    /// <summary>
    /// Unique per stream across gateways (a random GUID): the device grain takes the newest opened stream as the device's
    /// connection and ignores the close of any other, so an old stream on another gateway closing late cannot mark it offline.
    /// </summary>
    public string ConnectionId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Cancelled when the call ends or a newer stream of the same device replaces this one.</summary>
    public CancellationToken Closing => _closing.Token;

    public bool Superseded { get; private set; }

    /// <summary>True when the gateway is shutting down and ended this stream so the agent reconnects elsewhere.</summary>
    public bool GatewayStopping { get; private set; }

    public ChannelReader<Wire.ServerMessage> Outgoing => _outgoing.Reader;

    /// <summary>Queues a message that must not be lost (an ack): waits while the queue is full.</summary>
    public ValueTask SendAsync(Wire.ServerMessage message) => _outgoing.Writer.WriteAsync(message, Closing);

    /// <summary>Queues a push (scan-now, upgrade); false when the queue is full or the stream is closing.</summary>
    public bool TryPush(Wire.ServerMessage message) => _outgoing.Writer.TryWrite(message);

    /// <summary>
    /// Queues the policy unless this exact update was the last one queued, or it is older than the last one
    /// (a slow Hello answer must not overwrite a newer push). True when something was queued.
    /// </summary>
    public bool OfferPolicy(Wire.PolicyUpdate policy)
    {
        lock (_policyGate)
        {
            if (_lastPolicy is not null && (_lastPolicy.Equals(policy) || _lastPolicy.PolicyVersion > policy.PolicyVersion))
                return false;
            if (!TryPush(new Wire.ServerMessage { Policy = policy }))
                return false;
            _lastPolicy = policy;
            return true;
        }
    }

    /// <summary>
    /// Queues the upgrade notice when this stream's agent is older than its minimum, once per minimum: called at Hello and
    /// on every policy or settings push, so raising <c>minAgentVersion</c> reaches connected agents at once.
    /// True when something was queued.
    /// </summary>
    public bool OfferUpgrade(Wire.UpgradeRequired upgrade)
    {
        if (AgentVersion is null || !IsOlderThan(AgentVersion, upgrade.MinAgentVersion))
            return false;
        lock (_policyGate)
        {
            if (_lastUpgradeMinimum == upgrade.MinAgentVersion || !TryPush(new Wire.ServerMessage { UpgradeRequired = upgrade }))
                return false;
            _lastUpgradeMinimum = upgrade.MinAgentVersion;
            return true;
        }
    }

    private static bool IsOlderThan(SemVersion agentVersion, string minAgentVersion) =>
        minAgentVersion.Length > 0 && VersionText.TryParseVersion(minAgentVersion, out var minimum) && agentVersion.ComparePrecedenceTo(minimum) < 0;

    public void Supersede()
    {
        Superseded = true;
        Cancel();
    }

    /// <summary>The report loop's failure, recorded before the stream is cancelled, so the ending reports it (not the cancellation it caused).</summary>
    public Exception? ApplyFailure { get; private set; }

    public void FailApplying(Exception failure)
    {
        ApplyFailure = failure;
        Cancel();
    }

    public void StopForShutdown()
    {
        GatewayStopping = true;
        Cancel();
    }

    public void Cancel()
    {
        try { _closing.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    public void Complete() => _outgoing.Writer.TryComplete();

    /// <summary>Unlinks from the call's cancellation token once the stream's handler has finished.</summary>
    public void Dispose() => _closing.Dispose();
}
