using Fleet.Browser.Tests.Infrastructure;

namespace Fleet.Browser.Tests.Safety;

[Collection(DashboardCollection.Name)]
public sealed class MarkdownRenderingTests(DashboardFixture fixture)
{
    // Remediation Markdown is escaped before the subset becomes tags: markup in it stays text, unsafe link schemes stay text.
    [Fact]
    public async Task Remediation_markdown_renders_its_subset_and_keeps_markup_inert()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(Remediation_markdown_renders_its_subset_and_keeps_markup_inert));
        await dashboard.Guard(async () =>
        {
            var html = await dashboard.Page.EvaluateAsync<string>("""
                async () => (await import('/js/markdown.js')).renderMarkdown(
                  '1. Open **Settings** <img src=x onerror=alert(1)>\n2. Run `sudo ufw enable`\n3. [Guide](https://example.test/a?b=1&c=2) [bad](javascript:alert(1))')
                """);
            Assert.Equal(
                "<ol><li>Open <strong>Settings</strong> &lt;img src=x onerror=alert(1)&gt;</li>" +
                "<li>Run <code>sudo ufw enable</code></li>" +
                "<li><a href=\"https://example.test/a?b=1&amp;c=2\" target=\"_blank\" rel=\"noopener noreferrer\">Guide</a> bad)</li></ol>", // the link ends at the first ")"; what follows stays text
                html);
        });
    }
}
