using Fleet.Contracts.Health;

namespace Fleet.Hosting.Health;

/// <summary>
/// Ready = a grain call reaches a silo and that silo reads storage (and writes it at most once a minute), within a
/// deadline. Anyone may ask, so the answer says only ready or not; why not goes to the log.
/// </summary>
public static partial class ReadinessCheck
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public static async Task<IResult> RunAsync(IGrainFactory grains, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            // One probe grain per host, so concurrent probes of several hosts do not contend on one row.
            var probe = grains.GetGrain<IStorageProbeGrain>("probe:" + Environment.MachineName + ":" + Environment.ProcessId);
            var written = await probe.Check().WaitAsync(Deadline, cancellationToken);
            return Results.Ok(new { status = "ready", storageWrittenAt = written });
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotReady(logger, e);
            return Results.Problem(title: "Not ready", detail: "The cluster or its storage is unavailable; the service's log says why.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    [LoggerMessage(EventId = 1900, Level = LogLevel.Warning, Message = "Not ready: the cluster or its storage is unavailable")]
    private static partial void LogNotReady(ILogger logger, Exception exception);
}
