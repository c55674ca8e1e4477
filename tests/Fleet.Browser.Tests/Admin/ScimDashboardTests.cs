using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fleet.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Fleet.Browser.Tests.Admin;

[Collection(DashboardCollection.Name)]
public sealed class ScimDashboardTests(DashboardFixture fixture)
{
    // The admin page shows the SCIM base URL and what the IdP provisioned; a person the IdP deactivated is marked on
    // their device's row and on the device page.
    [Fact]
    public async Task The_admin_page_shows_the_scim_endpoint_and_devices_show_the_owners_idp_status()
    {
        var id = await CreateScimUserAsync("eve@acme.test", active: false);
        try
        {
            await using var dashboard = await fixture.SignInAsync(nameof(The_admin_page_shows_the_scim_endpoint_and_devices_show_the_owners_idp_status));
            await dashboard.Guard(async () =>
            {
                var page = dashboard.Page;
                await dashboard.NavigateAsync("#/admin");
                await Expect(page.Locator("#scim-endpoint")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^http://.+/scim/v2$"));
                await Expect(page.Locator("#scim-counts")).ToContainTextAsync("1 user (1 deactivated)");
                await Expect(page.Locator("#scim-okta")).ToContainTextAsync("Okta");
                await Expect(page.Locator("#scim-entra")).ToContainTextAsync("Entra ID");

                await dashboard.NavigateAsync("#/devices");
                var eve = page.Locator(".devices-table tbody tr", new() { HasText = "eve-laptop" });
                await Expect(eve.Locator(".idp-badge.inactive")).ToHaveTextAsync("IdP: deactivated");
                await Expect(page.Locator(".devices-table tbody tr", new() { HasText = "ann-laptop" }).Locator(".idp-badge")).ToHaveCountAsync(0);

                await eve.Locator("a.strong").ClickAsync();
                await Expect(page.Locator("#device-idp .idp-badge")).ToHaveTextAsync("IdP: deactivated");
            });
        }
        finally
        {
            // Leave the shared fleet as it was: the SCIM user and its edges go, the person stays.
            (await fixture.Api.DeleteAsync($"/scim/v2/Users/{id}")).Dispose();
        }
    }

    private async Task<string> CreateScimUserAsync(string email, bool active)
    {
        var body = JsonSerializer.Serialize(new { userName = email, active, emails = new[] { new { value = email, primary = true } } });
        using var response = await fixture.Api.PostAsync("/scim/v2/Users", new StringContent(body, Encoding.UTF8, "application/scim+json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
