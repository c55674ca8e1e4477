using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Fleet.Gateway.Api;

public static class ProblemDetailsExtensions
{
    /// <summary>
    /// RFC 7807 everywhere. A body that is not valid JSON gets a 400 that says where it broke
    /// (the JSON reader's path, line and byte position), not a bare "Bad Request".
    /// </summary>
    public static IServiceCollection AddFleetProblemDetails(this IServiceCollection services)
    {
        // Let minimal APIs throw on unreadable bodies so the exception handler can say what was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException badRequest)
            {
                context.ProblemDetails.Status = badRequest.StatusCode;
                context.ProblemDetails.Title = "Bad request";
                context.ProblemDetails.Detail = badRequest.InnerException is { } inner ? $"{badRequest.Message} {inner.Message}" : badRequest.Message;
            }
            else if (IsClusterUnavailable(context.Exception))
            {
                context.ProblemDetails.Status = StatusCodes.Status503ServiceUnavailable;
                context.ProblemDetails.Title = "Service temporarily unavailable";
                context.ProblemDetails.Detail = "Part of the cluster is restarting or unreachable; retry in a few seconds.";
                context.HttpContext.Response.Headers.RetryAfter = "5";
            }
        });
    }

    /// <summary>
    /// A silo died or is unreachable (calls to its grains fail or time out until the cluster notices, a few seconds):
    /// 503 with Retry-After tells clients to retry, where a 500 would read as a bug.
    /// </summary>
    private static bool IsClusterUnavailable(Exception? exception) =>
        exception is SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException or TimeoutException
        || exception?.InnerException is SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException or TimeoutException;

    public static IApplicationBuilder UseFleetProblemDetails(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception switch
            {
                BadHttpRequestException badRequest => badRequest.StatusCode,
                _ when IsClusterUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        return app.UseStatusCodePages();
    }
}
