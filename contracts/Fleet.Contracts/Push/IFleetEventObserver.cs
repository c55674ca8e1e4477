namespace Fleet.Contracts.Push;

/// <summary>
/// A gateway's listener for the events of the accounts whose dashboards it serves. One-way: the change
/// feed never waits for a gateway, so a slow or dead gateway cannot slow ingestion.
/// </summary>
public interface IFleetEventObserver : IGrainObserver
{
    [OneWay]
    Task OnEvents(string accountId, IReadOnlyList<FleetEvent> events);
}
