namespace Fleet.Gateway.Agents;

/// <summary>Every <see cref="AgentOptions.ResubscribeInterval"/>: renew observer subscriptions, reconcile policies, sweep rate buckets.</summary>
public sealed class AgentConnectionsRefresher(
    AgentConnectionSubscriptions subscriptions,
    ReportRateLimiter rateLimiter,
    AgentOptions options,
    IHostApplicationLifetime lifetime,
    TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A co-hosted silo only takes grain calls once the host has started.
        if (!await WaitForStartAsync(stoppingToken))
            return;
        using var timer = new PeriodicTimer(options.ResubscribeInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await subscriptions.RefreshAsync();
                rateLimiter.Sweep();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        await subscriptions.UnsubscribeAllAsync().WaitAsync(timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
