using Fleet.Compliance.Evaluation;
using Fleet.Contracts.Push;
using Fleet.Grains.Devices;
using Fleet.Grains.GrainReferences;

namespace Fleet.Grains.Push;

/// <summary>
/// Hands every device change to its account's change feed (docs/push-and-alerts.md). A one-way call: the device grain's turn
/// (the ingestion path) never waits for the feed, the dashboards, the standing queries or the alert rules.
/// </summary>
public sealed class ChangeFeedDeviceChangeSink(IGrainFactory grains) : IDeviceChangeSink
{
    private readonly GrainReferenceMaker<IAccountChangeFeedGrain> feeds = new(grains);

    public ValueTask OnDeviceChangedAsync(DeviceChange change)
    {
        FleetEvent e = change.Kind switch
        {
            DeviceChangeKind.Connectivity => new AgentConnectivityChangedEvent(change.AccountId, change.DeviceId, change.Online, change.At),
            DeviceChangeKind.Facts => new DeviceFactsChangedEvent(change.AccountId, change.DeviceId, change.At),
            _ => new DeviceChangedEvent(change.AccountId, change.DeviceId, change.OldStatus?.ToWire(), change.NewStatus?.ToWire(),
                change.Compliant, change.ChangedCheckIds, change.At, change.FailingCheckIds),
        };
        feeds.Get(change.AccountId).Publish(e).Ignore();
        return ValueTask.CompletedTask;
    }
}
