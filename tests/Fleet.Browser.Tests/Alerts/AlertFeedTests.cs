using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Agent.V1;
using Fleet.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fleet.Browser.Tests.Alerts;

[Collection(DashboardCollection.Name)]
public sealed class AlertFeedTests(DashboardFixture fixture)
{
    // A rule's answer turning non-empty raises an alert that appears in the open feed; a person dismisses it there.
    [Fact]
    public async Task A_raised_alert_appears_live_and_can_be_dismissed()
    {
        var ruleId = await CreateRuleAsync("Ann's laptop non-compliant", "FIND HostAgent WITH compliant=false THAT MONITORS Device WITH hostname='ann-laptop'");
        await using var dashboard = await fixture.SignInAsync(nameof(A_raised_alert_appears_live_and_can_be_dismissed));
        var ann = fixture.Laptop("ann-laptop");
        try
        {
            await dashboard.Guard(async () =>
            {
                var page = dashboard.Page;
                await dashboard.NavigateAsync("#/alerts");
                await Expect(page.Locator("tr[data-rule-id]")).ToContainTextAsync("Ann's laptop non-compliant");
                await Expect(page.Locator(".alert-item")).ToHaveCountAsync(0);

                await ann.ReportChangedAsync(f => f.Firewall = new Fact { State = FactState.Off, Reason = "ufw inactive" });

                var alert = page.Locator(".alert-item").Filter(new() { HasText = "Ann's laptop non-compliant" });
                await Expect(alert.Locator(".badge")).ToHaveTextAsync("active");
                await alert.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
                await Expect(alert.Locator(".badge")).ToHaveTextAsync("dismissed");
            });
        }
        finally
        {
            await ann.ReportAsync(ann.Facts);
            (await fixture.Api.DeleteAsync($"/api/v1/alert-rules/{ruleId}")).Dispose();
        }
    }

    private async Task<string> CreateRuleAsync(string name, string query)
    {
        using var response = await fixture.Api.PostAsJsonAsync("/api/v1/alert-rules", new { name, query });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }
}
