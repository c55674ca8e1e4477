namespace Fleet.Contracts.Push;

/// <summary>
/// A gateway's listener for the events of the accounts whose dashboards it serves. Answered (not one-way) so that the
/// change feed can send a gateway's batches one after the other, in order; the feed waits for the answer off its own
/// turn, so a slow or dead gateway cannot slow ingestion. Implementations buffer the batch and return at once.
/// </summary>
public interface IFleetEventObserver : IGrainObserver
{
    Task OnEvents(string accountId, IReadOnlyList<FleetEvent> events);
}
