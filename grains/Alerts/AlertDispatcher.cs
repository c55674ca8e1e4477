using System.Threading.Channels;
using Fleet.Contracts.Alerts;

namespace Fleet.Grains.Alerts;

/// <summary>
/// One action to carry out for one alert event: the same body bytes (and delivery id) on every attempt.
/// <paramref name="AttemptsMade"/> is non-zero for a delivery resumed from the outbox after a restart.
/// </summary>
public sealed record AlertDeliveryJob(
    string RuleGrainKey,
    string DeliveryId,
    AlertAction Action,
    byte[] Body,
    string Secret,
    string Subject,
    string Text,
    int AttemptsMade = 0);

/// <summary>
/// The silo's bounded queue of deliveries. A rule grain enqueues and moves on: deliveries (and their retries) run on
/// <see cref="AlertDeliveryWorker"/>, never on the ingestion path or inside a grain turn.
/// </summary>
public sealed class AlertDispatcher(AlertsOptions options)
{
    private readonly Channel<AlertDeliveryJob> queue = Channel.CreateBounded<AlertDeliveryJob>(
        new BoundedChannelOptions(options.MaxQueuedDeliveries) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> inFlight = new(StringComparer.Ordinal);

    /// <summary>
    /// False when the queue is full (the caller logs the delivery as failed). A delivery already queued or running on this
    /// silo is not queued twice (a rule resuming its outbox on every activation or reminder tick).
    /// </summary>
    public bool TryEnqueue(AlertDeliveryJob job)
    {
        if (!inFlight.TryAdd(job.DeliveryId, 0))
            return true;
        if (queue.Writer.TryWrite(job))
            return true;
        inFlight.TryRemove(job.DeliveryId, out _);
        return false;
    }

    /// <summary>The worker is done with this delivery (succeeded, failed for good, or abandoned).</summary>
    internal void Done(string deliveryId) => inFlight.TryRemove(deliveryId, out _);

    internal ChannelReader<AlertDeliveryJob> Reader => queue.Reader;
}
