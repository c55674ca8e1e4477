using Fleet.Contracts.Health;

namespace Fleet.Silo.Health;

/// <summary>Ready = a grain call reaches a silo and that silo can write to storage, within a deadline.</summary>
public static class ReadinessCheck
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public static async Task<IResult> RunAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        try
        {
            // One probe grain per host, so concurrent probes of several hosts do not contend on one row.
            var probe = grains.GetGrain<IStorageProbeGrain>("probe:" + Environment.MachineName + ":" + Environment.ProcessId);
            var touched = await probe.Touch().WaitAsync(Deadline, cancellationToken);
            return Results.Ok(new { status = "ready", storageWrittenAt = touched });
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Results.Problem(title: "Not ready", detail: $"Cluster or storage unavailable: {e.GetType().Name}: {e.Message}",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
