using System.Diagnostics;
using Orleans.Runtime.Messaging;

namespace Fleet.Gateway.Agents;

/// <summary>
/// A grain call of the agent stream, bounded by <see cref="AgentOptions.GrainCallTimeout"/> and retried within that bound
/// while the cluster reports it undelivered. When a silo dies, calls fail fast in ways that say nothing about the target
/// grain: the gateway's Orleans client routed the call through the dead silo's gateway endpoint
/// (<see cref="ConnectionFailedException"/>), or a silo still had the dead silo in its directory
/// (<see cref="OrleansMessageRejectionException"/>, <see cref="SiloUnavailableException"/>). Tried again a moment later the
/// call takes a live gateway, and once the cluster has declared the silo dead its grains are activated elsewhere: the
/// stream carries on instead of ending UNAVAILABLE. Safe because every call the stream makes is idempotent (a report
/// applied twice is acked as a duplicate by its sequence; connectivity, heartbeats and token checks repeat harmlessly).
/// </summary>
public static class BoundedGrainCall
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <param name="cancellationToken">Stops the retries (the stream ended); a call already sent is still awaited within the bound.</param>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, TimeSpan bound, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var delay = FirstRetryDelay;
        while (true)
        {
            var remaining = bound - Stopwatch.GetElapsedTime(started);
            try
            {
                return await call().WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, CancellationToken.None);
            }
            catch (Exception e) when (IsUndelivered(e) && Stopwatch.GetElapsedTime(started) + delay < bound)
            {
                await Task.Delay(delay, cancellationToken);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            }
        }
    }

    public static Task RunAsync(Func<Task> call, TimeSpan bound, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await call();
            return true;
        }, bound, cancellationToken);

    private static bool IsUndelivered(Exception e) =>
        e is ConnectionFailedException or OrleansMessageRejectionException or SiloUnavailableException;
}
