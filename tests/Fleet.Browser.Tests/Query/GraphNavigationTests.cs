using Fleet.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fleet.Browser.Tests.Query;

/// <summary>A node of the query console's graph opens its entity, by mouse and by keyboard.</summary>
[Collection(DashboardCollection.Name)]
public sealed class GraphNavigationTests(DashboardFixture fixture)
{
    private static async Task DrawAsync(DashboardSession dashboard, string query)
    {
        await dashboard.NavigateAsync("#/query");
        await dashboard.Page.GetByLabel("J1QL query").FillAsync(query);
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        await Expect(dashboard.Page.Locator("svg.graph .node").First).ToBeVisibleAsync();
    }

    // Clicking a device's node opens that device's page.
    [Fact]
    public async Task Clicking_a_device_node_opens_the_device_page()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(Clicking_a_device_node_opens_the_device_page));
        await dashboard.Guard(async () =>
        {
            var page = dashboard.Page;
            await DrawAsync(dashboard, "FIND Device WITH hostname='bob-laptop' RETURN TREE");

            await page.Locator("svg.graph .node[data-class=Device]").ClickAsync();

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/devices/{fixture.Laptop("bob-laptop").DeviceId}$"));
            await Expect(page.Locator("h1")).ToContainTextAsync("bob-laptop");
        });
    }

    // Tab to an agent's node and press Enter: its device's page opens; a person's node opens the devices list filtered to them.
    [Fact]
    public async Task Enter_on_a_focused_node_opens_it_from_the_keyboard()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(Enter_on_a_focused_node_opens_it_from_the_keyboard));
        await dashboard.Guard(async () =>
        {
            var page = dashboard.Page;
            await DrawAsync(dashboard, SeededFleet.SeedQuestion);
            var agent = page.Locator("svg.graph .node[data-class=HostAgent]").Filter(new() { HasText = "dan-laptop" });
            await agent.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/devices/{fixture.Laptop("dan-laptop").DeviceId}$"));

            await DrawAsync(dashboard, SeededFleet.SeedQuestion);
            await page.Locator("svg.graph .node[data-class=Person]").Filter(new() { HasText = "bob@acme.test" }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#device-search")).ToHaveValueAsync("bob@acme.test");
            await Expect(page.Locator(".devices-table tbody tr")).ToHaveCountAsync(1);
            await Expect(page.Locator(".devices-table tbody tr")).ToContainTextAsync("bob-laptop");
        });
    }

    // An entity without a dashboard page (an identity provider's User) opens as a panel of its properties; Close returns to the node.
    [Fact]
    public async Task A_node_without_a_page_opens_a_panel_of_its_properties()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(A_node_without_a_page_opens_a_panel_of_its_properties));
        await dashboard.Guard(async () =>
        {
            var page = dashboard.Page;
            await DrawAsync(dashboard, "FIND Person THAT IS User RETURN TREE");
            var user = page.Locator("svg.graph .node[data-class=User]").Filter(new() { HasText = "Bob" });

            await user.FocusAsync();
            await page.Keyboard.PressAsync("Enter");

            var panel = page.GetByRole(AriaRole.Complementary, new() { Name = "Entity details" });
            await Expect(panel).ToContainTextAsync("User: Bob");
            await Expect(panel).ToContainTextAsync("okta:bob");
            await Expect(panel).ToContainTextAsync("bob@acme.test");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/query$"));
            await panel.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
            await Expect(panel).ToHaveCountAsync(0);
            await Expect(user).ToBeFocusedAsync();
        });
    }
}
