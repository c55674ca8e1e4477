namespace Fleet.Silo.Health;

public static class HealthEndpoints
{
    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the cluster is reachable and storage writable.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Ok(new { status = "alive" })).AllowAnonymous();
        endpoints.MapGet("/readyz", (IGrainFactory grains, CancellationToken ct) => ReadinessCheck.RunAsync(grains, ct)).AllowAnonymous();
        return endpoints;
    }
}
