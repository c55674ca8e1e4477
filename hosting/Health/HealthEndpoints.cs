namespace Fleet.Hosting.Health;

public static class HealthEndpoints
{
    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the cluster is reachable and storage answers.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Ok(new { status = "alive" })).AllowAnonymous();
        endpoints.MapGet("/readyz", (IGrainFactory grains, ILoggerFactory loggers, CancellationToken ct) =>
            ReadinessCheck.RunAsync(grains, loggers.CreateLogger(typeof(ReadinessCheck)), ct)).AllowAnonymous();
        return endpoints;
    }
}
