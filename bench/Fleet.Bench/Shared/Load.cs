using System.Diagnostics;

namespace Fleet.Bench.Shared;

/// <summary>Prints a progress line every few seconds until disposed.</summary>
public sealed class Progress : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _printing;

    private Progress(TimeSpan every, Func<string> line) => _printing = PrintAsync(every, line, _stop.Token);

    public static Progress Every(TimeSpan every, Func<string> line) => new(every, line);

    private static async Task PrintAsync(TimeSpan every, Func<string> line, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
                Console.WriteLine("  … " + line());
        }
        catch (OperationCanceledException) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _printing.Wait();
        _stop.Dispose();
    }
}

/// <summary>The shapes of load the benchmarks put on a server through <see cref="SimAgent"/>s.</summary>
public static class Load
{
    /// <summary>Connects every agent (Hello → first PolicyUpdate), starts spread evenly over <paramref name="stagger"/>, at most <paramref name="parallelism"/> at once.</summary>
    public static async Task<TimeSpan> ConnectAllAsync(IReadOnlyList<SimAgent> agents, TimeSpan stagger, int parallelism, LoadCounters counters, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var progress = Progress.Every(TimeSpan.FromSeconds(5), () => $"connect: {Interlocked.Read(ref counters.Connected):N0}/{agents.Count:N0}, errors: {counters.ErrorSummary()}");
        await Parallel.ForEachAsync(agents, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (agent, ct) =>
        {
            var due = stagger * agent.Index / Math.Max(1, agents.Count);
            if (due > watch.Elapsed)
                await Task.Delay(due - watch.Elapsed, ct);
            try
            {
                await agent.ConnectAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                counters.Error("connect " + (e is Grpc.Core.RpcException rpc ? rpc.StatusCode.ToString() : e.GetType().Name));
            }
        });
        return watch.Elapsed;
    }

    /// <summary>Open loop: each agent reports every <paramref name="interval"/> (phase spread by its index) and heartbeats every <paramref name="heartbeat"/>, until cancelled.</summary>
    public static Task RunOpenLoopAsync(IReadOnlyList<SimAgent> agents, TimeSpan interval, TimeSpan heartbeat, FactsMode mode, LoadCounters counters, CancellationToken stop) =>
        Task.WhenAll(agents.Select(agent => Task.Run(async () =>
        {
            try
            {
                await agent.Connected.WaitAsync(stop);
                await Task.Delay(interval * agent.Index / Math.Max(1, agents.Count), stop);
                var nextHeartbeat = Stopwatch.GetTimestamp() + (long)(heartbeat.TotalSeconds * Stopwatch.Frequency);
                using var timer = new PeriodicTimer(interval);
                do
                {
                    await agent.SendReportAsync(mode);
                    if (Stopwatch.GetTimestamp() >= nextHeartbeat)
                    {
                        await agent.HeartbeatAsync();
                        nextHeartbeat += (long)(heartbeat.TotalSeconds * Stopwatch.Frequency);
                    }
                }
                while (await timer.WaitForNextTickAsync(stop));
            }
            catch (OperationCanceledException) { }
            catch (Exception) when (!agent.Connected.IsCompletedSuccessfully)
            {
                // Its connect failure is counted already.
            }
            catch (Exception e)
            {
                counters.Error("send " + e.GetType().Name);
            }
        })));

    /// <summary>Closed loop: each agent sends its next report as soon as the last one is acked, until cancelled.</summary>
    public static Task RunClosedLoopAsync(IReadOnlyList<SimAgent> agents, FactsMode mode, LoadCounters counters, CancellationToken stop) =>
        Task.WhenAll(agents.Select(agent => Task.Run(async () =>
        {
            try
            {
                agent.ForgetAcks();
                while (!stop.IsCancellationRequested)
                {
                    await agent.SendReportAsync(mode);
                    await agent.WaitForAckAsync(stop);
                }
            }
            catch (OperationCanceledException) { }
            catch (Exception e)
            {
                counters.Error("send " + e.GetType().Name);
            }
        })));

    /// <summary>Idle: heartbeats only (what a connected agent between scans does), until cancelled.</summary>
    public static Task RunIdleAsync(IReadOnlyList<SimAgent> agents, TimeSpan heartbeat, LoadCounters counters, CancellationToken stop) =>
        Task.WhenAll(agents.Select(agent => Task.Run(async () =>
        {
            try
            {
                await Task.Delay(heartbeat * agent.Index / Math.Max(1, agents.Count), stop);
                using var timer = new PeriodicTimer(heartbeat);
                do
                    await agent.HeartbeatAsync();
                while (await timer.WaitForNextTickAsync(stop));
            }
            catch (OperationCanceledException) { }
            catch (Exception e)
            {
                counters.Error("heartbeat " + e.GetType().Name);
            }
        })));

    public static async Task DisposeAllAsync(IEnumerable<SimAgent> agents)
    {
        foreach (var chunk in agents.Chunk(500))
            await Task.WhenAll(chunk.Select(a => a.DisposeAsync().AsTask()));
    }
}
