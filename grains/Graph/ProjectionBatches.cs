using Fleet.Contracts.Graph;

namespace Fleet.Grains.Graph;

/// <summary>
/// Device projections of one silo go to the graph in batches, one batch in flight per account: projections that arrive
/// while an account's batch is being applied go together in its next one (group commit's rule, applied to the graph). A
/// policy change re-projects every device; one write per device costs the writer's key lookups and partition calls per
/// device, one write per batch costs them per batch. A lone projection goes at once, so nothing waits when the silo is quiet.
/// </summary>
public sealed class ProjectionBatches(IGrainFactory grains)
{
    /// <summary>Projections per graph write at most: bounds one write's size and the wait of the first projection in it.</summary>
    public const int MaxBatch = 512;

    private readonly Dictionary<string, List<Pending>> _waiting = new(StringComparer.Ordinal);

    /// <summary>Completes when the batch holding <paramref name="request"/> has been applied (or fails with it).</summary>
    public Task PublishAsync(string accountId, GraphWriteRequest request)
    {
        var pending = new Pending(request);
        bool start;
        lock (_waiting)
        {
            start = !_waiting.TryGetValue(accountId, out var queue);
            if (start) _waiting[accountId] = queue = [];
            queue!.Add(pending);
        }
        // Off the calling grain's turn: the batch belongs to no grain.
        if (start) _ = Task.Run(() => DrainAsync(accountId));
        return pending.Done.Task;
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

    /// <summary>The next batch of the account, or null (and the account's queue is gone) when nothing waits.</summary>
    private List<Pending>? Next(string accountId)
    {
        lock (_waiting)
        {
            var queue = _waiting[accountId];
            if (queue.Count == 0)
            {
                _waiting.Remove(accountId);
                return null;
            }
            var batch = queue.GetRange(0, Math.Min(MaxBatch, queue.Count));
            queue.RemoveRange(0, batch.Count);
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

    private sealed record Pending(GraphWriteRequest Request)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
