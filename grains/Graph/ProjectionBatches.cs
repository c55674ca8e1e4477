using Fleet.Contracts.Graph;

namespace Fleet.Grains.Graph;

/// <summary>
/// Device projections of one silo go to the graph in batches, at most <see cref="MaxInFlight"/> batches in flight per
/// account: projections that arrive while those are being applied go together in the next one (group commit's rule,
/// applied to the graph). A policy change re-projects every device; one write per device costs the writer's key lookups
/// and partition calls per device, one write per batch costs them per batch. A lone projection goes at once, so nothing
/// waits when the silo is quiet.
/// </summary>
public sealed class ProjectionBatches(IGrainFactory grains)
{
    /// <summary>Projections per graph write at most: bounds one write's size and the wait of the first projection in it.</summary>
    public const int MaxBatch = 128;

    /// <summary>Batches of one account applied at the same time (the writer is a reentrant stateless worker).</summary>
    public const int MaxInFlight = 4;

    private readonly Dictionary<string, AccountQueue> _accounts = new(StringComparer.Ordinal);

    /// <summary>
    /// Completes when the batch holding <paramref name="request"/> has been applied (or fails with it). A projection of a
    /// device that still waits is replaced by the newer one (both callers complete with it): a device whose projection was
    /// slow resends its current state by timer, and a backlog must not grow with resends of the same device.
    /// </summary>
    public Task PublishAsync(string accountId, string deviceId, GraphWriteRequest request)
    {
        Task done;
        bool start;
        lock (_accounts)
        {
            if (!_accounts.TryGetValue(accountId, out var queue)) _accounts[accountId] = queue = new AccountQueue();
            if (queue.Waiting.TryGetValue(deviceId, out var waiting))
            {
                waiting.Request = request;
                return waiting.Done.Task;
            }
            var pending = new Pending(deviceId) { Request = request };
            queue.Waiting.Add(deviceId, pending);
            queue.Order.Enqueue(pending);
            done = pending.Done.Task;
            start = queue.Draining < MaxInFlight;
            if (start) queue.Draining++;
        }
        // Off the calling grain's turn: the batch belongs to no grain.
        if (start) _ = Task.Run(() => DrainAsync(accountId));
        return done;
    }

    private async Task DrainAsync(string accountId)
    {
        while (Next(accountId) is { } batch)
        {
            try
            {
                await grains.GetGrain<IGraphWriterGrain>(0).Publish(accountId, Merge(batch));
                foreach (var pending in batch) pending.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                // Each device retries its own projection later (DeviceGrain.ProjectionRetryPeriod).
                foreach (var pending in batch) pending.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>The next batch of the account, or null (this drain ends; the last one removes the account) when nothing waits.</summary>
    private List<Pending>? Next(string accountId)
    {
        lock (_accounts)
        {
            var queue = _accounts[accountId];
            if (queue.Order.Count == 0)
            {
                if (--queue.Draining == 0) _accounts.Remove(accountId);
                return null;
            }
            var batch = new List<Pending>(Math.Min(MaxBatch, queue.Order.Count));
            while (batch.Count < MaxBatch && queue.Order.TryDequeue(out var pending))
            {
                queue.Waiting.Remove(pending.DeviceId);
                batch.Add(pending);
            }
            return batch;
        }
    }

    /// <summary>
    /// One write for the batch (projections never delete); an entity named twice (a person owning two devices) goes once, as
    /// last projected. A relationship named twice is one relationship to the writer.
    /// </summary>
    private static GraphWriteRequest Merge(List<Pending> batch)
    {
        if (batch.Count == 1) return batch[0].Request;
        var entities = new Dictionary<string, GraphEntityInput>(StringComparer.Ordinal);
        var relationships = new List<GraphRelationshipInput>();
        foreach (var pending in batch)
        {
            foreach (var entity in pending.Request.Entities) entities[entity.Key] = entity;
            relationships.AddRange(pending.Request.Relationships);
        }
        return new GraphWriteRequest([.. entities.Values], relationships, [], []);
    }

    /// <summary>An account's waiting projections, in arrival order and by device; how many drains run for it.</summary>
    private sealed class AccountQueue
    {
        public Queue<Pending> Order { get; } = new();
        public Dictionary<string, Pending> Waiting { get; } = new(StringComparer.Ordinal);
        public int Draining { get; set; }
    }

    private sealed class Pending(string deviceId)
    {
        public string DeviceId { get; } = deviceId;
        public required GraphWriteRequest Request { get; set; }
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
