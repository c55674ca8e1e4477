using Fleet.Contracts.Push;

namespace Fleet.Grains.Push;

/// <summary>
/// Delivers one gateway's events in the order the change feed produced them: one call in flight, and the batches that
/// come meanwhile wait and go out together in the next call. Orleans does not order calls that are not awaited one
/// after the other (a dismissal once reached a dashboard before its own raise), so each delivery is awaited — off the
/// feed's turn, so a slow or dead gateway holds up only its own dashboards, never the feed or the device grains.
/// Runs on the feed grain's scheduler: no locking.
/// </summary>
internal sealed class GatewayDelivery(string accountId, int maxWaiting, Action<Exception> onFailure)
{
    private List<FleetEvent> waiting = [];
    private IFleetEventObserver? observer;
    private bool sending;

    /// <summary>Events dropped because the gateway fell more than <c>maxWaiting</c> events behind.</summary>
    public long Dropped { get; private set; }

    public bool IsIdle => !sending && waiting.Count == 0;

    /// <summary>Queues <paramref name="batch"/> for the gateway's current observer reference <paramref name="to"/>.</summary>
    public void Send(IFleetEventObserver to, IReadOnlyList<FleetEvent> batch)
    {
        observer = to; // a restarted gateway subscribes a new reference; the next call uses it
        waiting.AddRange(batch);
        if (waiting.Count > maxWaiting)
        {
            var excess = waiting.Count - maxWaiting;
            waiting.RemoveRange(0, excess);
            Dropped += excess;
        }
        if (sending)
            return;
        sending = true;
        _ = DeliverAsync();
    }

    private async Task DeliverAsync()
    {
        while (waiting.Count > 0)
        {
            var batch = waiting;
            waiting = [];
            try
            {
                await observer!.OnEvents(accountId, batch);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                onFailure(e); // those events are lost for this gateway, as a dashboard that was offline misses them
            }
        }
        sending = false;
    }
}
