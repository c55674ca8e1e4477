using Fleet.Contracts.Push;

namespace Fleet.Gateway.Push;

/// <summary>
/// Forwards observed events to SignalR and renews this gateway's registrations every
/// <see cref="PushOptions.RenewInterval"/> (observer lists live in memory on the silos and expire).
/// Waits for the application to start: a co-hosted silo must be up before grains are called.
/// </summary>
public sealed class DashboardRenewalService(
    DashboardConnections dashboards,
    FleetEventObserver observer,
    PushOptions options,
    IHostApplicationLifetime lifetime,
    TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var forwarding = observer.ForwardAsync(stoppingToken);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, lifetime.ApplicationStarted).ContinueWith(_ => { }, TaskScheduler.Default);
            using var timer = new PeriodicTimer(options.RenewInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await dashboards.RenewAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await forwarding.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
