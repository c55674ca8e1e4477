using Fleet.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fleet.Browser.Tests.Admin;

[Collection(DashboardCollection.Name)]
public sealed class PolicyEditorTests(DashboardFixture fixture)
{
    // The admin page loads the stored policy; a bad value is refused and marked at its line, and nothing is stored.
    [Fact]
    public async Task A_bad_policy_is_refused_and_marked_at_its_line()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(A_bad_policy_is_refused_and_marked_at_its_line));
        await dashboard.Guard(async () =>
        {
            var page = dashboard.Page;
            await dashboard.NavigateAsync("#/admin");
            var editor = page.GetByLabel("Policy (YAML or JSON)");
            await Expect(editor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("firewall: ALWAYS"));

            await editor.FillAsync("firewall: ALWAYS\ndiskEncryption: ALWAYS\nscreenLock: SOMETIMES\n");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();

            await Expect(page.Locator("#policy .editor-error")).ToContainTextAsync("Line 3");
            await Expect(page.Locator("#policy .editor-gutter .gutter-line.error")).ToHaveTextAsync("3");
            await Expect(page.Locator("#policy-status")).ToContainTextAsync("Not saved");
        });
        var stored = await fixture.Api.GetStringAsync("/api/v1/policy");
        Assert.Contains("remoteLogin: NEVER", stored);
    }
}
