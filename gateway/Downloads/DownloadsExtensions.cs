using Fleet.Hosting;
using Microsoft.Extensions.FileProviders;

namespace Fleet.Gateway.Downloads;

public static class DownloadsExtensions
{
    public const string Path = "/downloads";

    public static WebApplicationBuilder AddAgentDownloads(this WebApplicationBuilder builder)
    {
        builder.Services.AddDirectoryBrowser();
        return builder;
    }

    /// <summary>
    /// Serves the agent builds that are present (<c>agent-grpc/publish.sh</c> output: one folder per runtime, e.g.
    /// <c>linux-x64/fleet-agent</c>) at <c>/downloads/</c>, with a listing, so an invite's link shows what can be installed.
    /// The folder is <c>Fleet:Agents:DownloadsDirectory</c>, by default <c>downloads</c> in the data folder; nothing is
    /// served when it does not exist. Anonymous on purpose: the binaries are public, the enrolment code is the secret.
    /// </summary>
    public static WebApplication UseAgentDownloads(this WebApplication app)
    {
        var fleet = app.Services.GetRequiredService<FleetOptions>();
        var configured = app.Configuration["Fleet:Agents:DownloadsDirectory"];
        var directory = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.Combine(fleet.ResolveDataDirectory(), "downloads")
            : configured);
        if (!Directory.Exists(directory))
            return app;
        app.UseFileServer(new FileServerOptions
        {
            RequestPath = Path,
            FileProvider = new PhysicalFileProvider(directory),
            EnableDirectoryBrowsing = true,
            // Agent binaries have no extension (or .exe): serve them as plain downloads.
            StaticFileOptions = { ServeUnknownFileTypes = true, DefaultContentType = "application/octet-stream" },
        });
        return app;
    }
}
