using Microsoft.AspNetCore.StaticFiles;

namespace Fleet.Gateway.Dashboard;

/// <summary>
/// The web dashboard: static HTML/CSS/ES modules from <c>wwwroot/</c>, served at <c>/</c>. No build step, no
/// server-side rendering: the pages call the REST API and the SignalR hub with the account key the person signs in with.
/// </summary>
public static class DashboardExtensions
{
    // Everything the pages load comes from this origin (no CDN, no inline script): works offline and keeps injected markup inert.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static IApplicationBuilder UseFleetDashboard(this IApplicationBuilder app)
    {
        var contentTypes = new FileExtensionContentTypeProvider();
        contentTypes.Mappings[".mjs"] = "text/javascript";
        app.UseDefaultFiles();
        return app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = contentTypes,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                // Revalidate every time (cheap: ETag → 304), so a new gateway version is picked up without a hard reload.
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (context.File.Name.EndsWith(".html", StringComparison.Ordinal))
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
            },
        });
    }
}
