using Microsoft.Playwright;

namespace Fleet.Browser.Tests.Infrastructure;

/// <summary>
/// One signed-in browser context for one test. <see cref="Guard"/> runs the test's steps and, if one fails, saves a
/// full-page screenshot to <c>tests/Fleet.Browser.Tests/TestResults/screenshots/&lt;test&gt;.png</c> before rethrowing.
/// </summary>
public sealed class DashboardSession(IBrowserContext context, IPage page, string testName) : IAsyncDisposable
{
    public static string ScreenshotDirectory { get; } =
        Path.Combine(Fleet.Gateway.Tests.Infrastructure.BuiltHost.RepositoryRoot, "tests", "Fleet.Browser.Tests", "TestResults", "screenshots");

    public IPage Page { get; } = page;

    public async Task Guard(Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, testName + ".png"), FullPage = true });
            throw;
        }
    }

    /// <summary>Goes to a page of the dashboard the way a click on a link does (no reload).</summary>
    public Task NavigateAsync(string route) => Page.EvaluateAsync("route => { location.hash = route; }", route);

    /// <summary>Marks the current document; <see cref="AssertNotReloadedAsync"/> fails if the page was reloaded since.</summary>
    public Task MarkDocumentAsync() => Page.EvaluateAsync("() => { window.fleetTestMarker = 'same document'; }");

    public async Task AssertNotReloadedAsync() =>
        Assert.Equal("same document", await Page.EvaluateAsync<string?>("() => window.fleetTestMarker ?? null"));

    /// <summary>Saves a screenshot even when the test passes (for looking at the UI while developing).</summary>
    public async Task SnapshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
