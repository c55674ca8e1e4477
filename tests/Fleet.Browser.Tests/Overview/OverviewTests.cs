using Fleet.Agent.V1;
using Fleet.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fleet.Browser.Tests.Overview;

[Collection(DashboardCollection.Name)]
public sealed class OverviewTests(DashboardFixture fixture)
{
    // Signing in with the account key opens the overview, counting the seeded fleet by compliance.
    [Fact]
    public async Task Signing_in_shows_the_seeded_fleet_on_the_overview()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(Signing_in_shows_the_seeded_fleet_on_the_overview));
        await dashboard.Guard(async () =>
        {
            var page = dashboard.Page;
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet overview" })).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=count-compliant]")).ToHaveTextAsync(SeededFleet.Compliant.ToString());
            await Expect(page.Locator("[data-testid=count-noncompliant]")).ToHaveTextAsync(SeededFleet.NonCompliant.ToString());
            await Expect(page.Locator("[data-testid=count-unknown]")).ToHaveTextAsync(SeededFleet.Unknown.ToString());
            await Expect(page.Locator("[data-testid=count-offline]")).ToHaveTextAsync("0");
            await Expect(page.Locator(".bar-row[data-check=firewall] .bar-value")).ToHaveTextAsync("1");
            await Expect(page.Locator(".bar-row[data-check=diskEncryption] .bar-value")).ToHaveTextAsync("1");
        });
    }

    // A report that breaks a check moves one device from compliant to non-compliant on the open overview, pushed live.
    [Fact]
    public async Task A_report_that_breaks_a_check_changes_the_counts_without_reload()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(A_report_that_breaks_a_check_changes_the_counts_without_reload));
        var eve = fixture.Laptop("eve-laptop");
        try
        {
            await dashboard.Guard(async () =>
            {
                var page = dashboard.Page;
                await Expect(page.Locator("[data-testid=count-noncompliant]")).ToHaveTextAsync(SeededFleet.NonCompliant.ToString());
                await dashboard.MarkDocumentAsync();

                await eve.ReportChangedAsync(f => f.RemoteLogin = new Fact { State = FactState.On, Reason = "sshd on 0.0.0.0:22" });

                await Expect(page.Locator("[data-testid=count-noncompliant]")).ToHaveTextAsync((SeededFleet.NonCompliant + 1).ToString());
                await Expect(page.Locator("[data-testid=count-compliant]")).ToHaveTextAsync((SeededFleet.Compliant - 1).ToString());
                await Expect(page.Locator(".bar-row[data-check=remoteLogin] .bar-value")).ToHaveTextAsync("1");
                await Expect(page.Locator(".feed-item").First).ToContainTextAsync("eve-laptop");
                await dashboard.AssertNotReloadedAsync();
            });
        }
        finally
        {
            await eve.ReportAsync(eve.Facts); // as seeded again, for the tests after this one
        }
    }
}
