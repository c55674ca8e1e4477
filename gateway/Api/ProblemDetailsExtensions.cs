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
        });
    }

    public static IApplicationBuilder UseFleetProblemDetails(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException badRequest ? badRequest.StatusCode : StatusCodes.Status500InternalServerError,
        });
        return app.UseStatusCodePages();
    }
}
