using System.Net;
using Fleet.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fleet.Browser.Tests.Admin;

[Collection(DashboardCollection.Name)]
public sealed class ApiKeysTests(DashboardFixture fixture)
{
    // The admin page creates a key (shown once), lists it, and deletes it: the deleted key is refused by the API at once.
    [Fact]
    public async Task A_key_created_on_the_admin_page_works_until_it_is_deleted_there()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(A_key_created_on_the_admin_page_works_until_it_is_deleted_there));
        string key = "";
        await dashboard.Guard(async () =>
        {
            var page = dashboard.Page;
            page.Dialog += (_, dialog) => dialog.AcceptAsync();
            await dashboard.NavigateAsync("#/admin");

            await page.GetByLabel("New key name").FillAsync("Browser test key");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
            await Expect(page.Locator("#api-key-value")).ToContainTextAsync("fleet_");
            key = (await page.Locator("#api-key-value").TextContentAsync())!;
            var row = page.Locator("#api-keys-table tr", new() { HasText = "Browser test key" });
            await Expect(row).ToHaveCountAsync(1);
            using (var client = Client(key))
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/devices")).StatusCode);

            await page.GetByRole(AriaRole.Button, new() { Name = "Delete key Browser test key" }).ClickAsync();

            await Expect(row).ToHaveCountAsync(0);
            await Expect(page.Locator("#api-keys-status")).ToContainTextAsync("Deleted");
        });
        using var revoked = Client(key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("/api/v1/devices")).StatusCode);
    }

    private HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
