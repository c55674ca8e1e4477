using Fleet.Agent.V1;
using Fleet.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fleet.Browser.Tests.Devices;

[Collection(DashboardCollection.Name)]
public sealed class DevicesTests(DashboardFixture fixture)
{
    // The devices table lists every seeded laptop with its status, person and failing checks.
    [Fact]
    public async Task The_devices_table_lists_each_device_with_its_failing_checks()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(The_devices_table_lists_each_device_with_its_failing_checks));
        await dashboard.Guard(async () =>
        {
            await dashboard.NavigateAsync("#/devices");
            var rows = dashboard.Page.Locator(".devices-table tbody tr");
            await Expect(rows).ToHaveCountAsync(SeededFleet.Laptops.Count);
            var bob = Row(dashboard.Page, "bob-laptop");
            await Expect(bob).ToHaveAttributeAsync("data-status", "noncompliant");
            await Expect(bob).ToContainTextAsync("bob@acme.test");
            await Expect(bob.Locator(".chip.fail")).ToHaveTextAsync("Firewall");
            await Expect(Row(dashboard.Page, "frank-laptop")).ToHaveAttributeAsync("data-status", "unknown");
        });
    }

    // An agent report that breaks a check changes that device's row in place, pushed over SignalR.
    [Fact]
    public async Task A_report_that_breaks_a_check_changes_the_device_row_without_reload()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(A_report_that_breaks_a_check_changes_the_device_row_without_reload));
        var carla = fixture.Laptop("carla-laptop");
        try
        {
            await dashboard.Guard(async () =>
            {
                await dashboard.NavigateAsync("#/devices");
                var row = Row(dashboard.Page, "carla-laptop");
                await Expect(row).ToHaveAttributeAsync("data-status", "compliant");
                await dashboard.MarkDocumentAsync();

                await carla.ReportChangedAsync(f => f.Firewall = new Fact { State = FactState.Off, Reason = "ufw inactive" });

                await Expect(row).ToHaveAttributeAsync("data-status", "noncompliant");
                await Expect(row.Locator(".chip.fail")).ToHaveTextAsync("Firewall");
                await dashboard.AssertNotReloadedAsync();
            });
        }
        finally
        {
            await carla.ReportAsync(carla.Facts); // as seeded again, for the tests after this one
        }
    }

    // The device page shows each check with its remediation, rendered from Markdown as HTML lists, and the facts.
    [Fact]
    public async Task The_device_page_shows_the_failing_check_with_its_remediation_steps()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(The_device_page_shows_the_failing_check_with_its_remediation_steps));
        await dashboard.Guard(async () =>
        {
            await dashboard.NavigateAsync("#/devices/" + fixture.Laptop("dan-laptop").DeviceId);
            var page = dashboard.Page;
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "dan-laptop" })).ToBeVisibleAsync();
            var check = page.Locator(".check[data-check=diskEncryption]");
            await Expect(check.Locator(".result")).ToHaveTextAsync("FAIL");
            await Expect(check.Locator(".markdown ol li").First).ToBeVisibleAsync();
            await Expect(page.Locator(".facts")).ToContainTextAsync("Off — ext4 on /");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Scan now" })).ToBeEnabledAsync();
        });
    }

    // Scan now on the device page reaches the agent's open stream as a ScanNow message.
    [Fact]
    public async Task Scan_now_reaches_the_connected_agent()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(Scan_now_reaches_the_connected_agent));
        var frank = fixture.Laptop("frank-laptop");
        await dashboard.Guard(async () =>
        {
            await dashboard.NavigateAsync("#/devices/" + frank.DeviceId);
            await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Scan now" }).ClickAsync();
            await Expect(dashboard.Page.Locator(".head-actions [role=status]")).ToContainTextAsync("Scan requested");
            var scan = await frank.Session.NextAsync(ServerMessage.BodyOneofCase.ScanNow);
            Assert.Equal(ServerMessage.BodyOneofCase.ScanNow, scan.BodyCase);
        });
    }

    private static ILocator Row(IPage page, string hostname) =>
        page.Locator(".devices-table tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = hostname, Exact = true }) });
}
