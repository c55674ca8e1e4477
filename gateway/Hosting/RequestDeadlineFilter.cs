namespace Fleet.Gateway.Hosting;

/// <summary>
/// Fails a grain call of a REST request with a <see cref="TimeoutException"/> (REST: 503 + Retry-After) once the request's
/// <see cref="RequestDeadline"/> has passed or would pass before the answer. The call itself is not cancelled: like
/// Orleans' own response timeout, its late answer is dropped.
/// </summary>
public sealed class RequestDeadlineFilter(TimeProvider time) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (RequestDeadline.Current is not { } deadline)
        {
            await context.Invoke();
            return;
        }
        var remaining = deadline - time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
            throw new TimeoutException($"The request used its whole deadline before calling {context.InterfaceName}.{context.MethodName}.");
        try
        {
            await context.Invoke().WaitAsync(remaining, time);
        }
        catch (TimeoutException) when (time.GetUtcNow() >= deadline)
        {
            throw new TimeoutException($"{context.InterfaceName}.{context.MethodName} did not answer within the request's deadline.");
        }
    }
}
