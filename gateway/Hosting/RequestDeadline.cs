using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.SignalR;

namespace Fleet.Gateway.Hosting;

/// <summary>
/// Cluster mode: one bound for all the grain calls of a REST request (<see cref="GatewayOptions.RequestDeadline"/>).
/// Each call is bounded by <see cref="GatewayOptions.GrainCallTimeout"/>, but a request that makes several in a row (the
/// API key, then the account's devices) could add them up past the 30 s a client waits while a silo restarts; with the
/// deadline it answers 503 + Retry-After instead (docs/reliability.md). Agent streams and SignalR connections live for
/// hours and have their own bounds, so they carry no deadline.
/// </summary>
public static class RequestDeadline
{
    private static readonly AsyncLocal<DateTimeOffset?> CurrentDeadline = new();

    /// <summary>The deadline of the request whose code is running, or null outside a bounded request.</summary>
    public static DateTimeOffset? Current => CurrentDeadline.Value;

    public static IApplicationBuilder UseRequestDeadline(this IApplicationBuilder app)
    {
        var gateway = app.ApplicationServices.GetRequiredService<GatewayOptions>();
        if (gateway.Mode != GatewayOptions.Cluster)
            return app;
        var time = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use(async (context, next) =>
        {
            if (IsLongLived(context))
            {
                await next(context);
                return;
            }
            // Set in this middleware's own async flow: it reaches the endpoint's grain calls and goes away with the request.
            CurrentDeadline.Value = time.GetUtcNow() + gateway.RequestDeadline;
            await next(context);
        });
    }

    private static bool IsLongLived(HttpContext context) =>
        context.GetEndpoint()?.Metadata is { } metadata
        && (metadata.GetMetadata<HubMetadata>() is not null || metadata.GetMetadata<GrpcMethodMetadata>() is not null);
}
