using System.Threading.Channels;
using Fleet.Contracts.Alerts;

namespace Fleet.Silo.Alerts;

/// <summary>One action to carry out for one alert event: the same body bytes on every attempt.</summary>
public sealed record AlertDeliveryJob(
    string RuleGrainKey,
    string DeliveryId,
    AlertAction Action,
    byte[] Body,
    string Secret,
    string Subject,
    string Text);

/// <summary>
/// The silo's bounded queue of deliveries. A rule grain enqueues and moves on: deliveries (and their retries) run on
/// <see cref="AlertDeliveryWorker"/>, never on the ingestion path or inside a grain turn.
/// </summary>
public sealed class AlertDispatcher(AlertsOptions options)
{
    private readonly Channel<AlertDeliveryJob> queue = Channel.CreateBounded<AlertDeliveryJob>(
        new BoundedChannelOptions(options.MaxQueuedDeliveries) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <summary>False when the queue is full (the caller logs the delivery as failed).</summary>
    public bool TryEnqueue(AlertDeliveryJob job) => queue.Writer.TryWrite(job);

    internal ChannelReader<AlertDeliveryJob> Reader => queue.Reader;
}
