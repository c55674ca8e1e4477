using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fleet.Browser.Tests.Infrastructure;
using Fleet.Gateway.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fleet.Browser.Tests.Overview;

/// <summary>Compliance over time on the overview, and the printable evidence report an assessor reads.</summary>
[Collection(DashboardCollection.Name)]
public sealed class EvidenceTests(DashboardFixture fixture)
{
    // The overview draws % compliant per day as an SVG line chart (not a table) from history: 30 days, or 90 on
    // request, today's overall point as the trend API has it, and a check's own line shown by its legend key.
    [Fact]
    public async Task The_overview_draws_compliance_per_day_for_30_or_90_days()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(The_overview_draws_compliance_per_day_for_30_or_90_days));
        await dashboard.Guard(async () =>
        {
            var page = dashboard.Page;
            var chart = page.Locator("svg.trend-chart");
            await Expect(chart).ToHaveAttributeAsync("data-days", "30");
            var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var drawn = double.Parse(await page.Locator($".trend-series.overall circle[data-date='{today}']").GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture);
            var api = await fixture.Api.GetFromJsonAsync<JsonElement>("/api/v1/evidence/trend?days=30");
            var expected = api.GetProperty("days").EnumerateArray().Last().GetProperty("percentCompliant").GetDouble();
            Assert.InRange(drawn, expected - 1, expected + 1);   // today's share moves a little as time passes
            Assert.Equal(0, await page.Locator("section[aria-labelledby=trend-heading] table").CountAsync());

            await page.GetByRole(AriaRole.Button, new() { Name = "90 days" }).ClickAsync();
            await Expect(chart).ToHaveAttributeAsync("data-days", "90");

            var firewall = page.Locator(".trend-key[data-check=firewall]");
            await firewall.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator(".trend-key[data-check=firewall]")).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(page.Locator(".trend-series[data-series=firewall] circle").First).ToBeAttachedAsync();
        });
    }

    // The dashboard's button opens the printable report for the chart's period; it renders, prints to PDF, and every
    // per device and check figure in it is the JSON export's for the same period.
    [Fact]
    public async Task The_printable_report_prints_to_pdf_and_matches_the_json_export()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(The_printable_report_prints_to_pdf_and_matches_the_json_export));
        await dashboard.Guard(async () =>
        {
            var page = dashboard.Page;
            await Expect(page.Locator("svg.trend-chart")).ToBeVisibleAsync();

            var report = await page.Context.RunAndWaitForPageAsync(() =>
                page.GetByRole(AriaRole.Button, new() { Name = "Printable evidence report" }).ClickAsync());
            // Polled, not awaited as a navigation event: the blob navigation can land between Playwright's look at the
            // URL and its subscription to navigations, and a loaded full local run once waited 30 s for it.
            await Expect(report).ToHaveURLAsync(new Regex("^blob:"));
            await Expect(report.GetByRole(AriaRole.Heading, new() { Name = "Compliance evidence · Acme" })).ToBeVisibleAsync();
            await Expect(report.Locator("#policy-versions tbody tr").First).ToBeVisibleAsync();

            var pdf = await report.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
            Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));

            var from = await report.Locator("#period time").Nth(0).GetAttributeAsync("data-value");
            var to = await report.Locator("#period time").Nth(1).GetAttributeAsync("data-value");
            var json = await fixture.Api.GetFromJsonAsync<JsonElement>($"/api/v1/evidence?from={Uri.EscapeDataString(from!)}&to={Uri.EscapeDataString(to!)}");
            var expected = json.GetProperty("devices").EnumerateArray().SelectMany(d => d.GetProperty("checks").EnumerateArray().Select(c =>
                $"{d.GetProperty("deviceId").GetString()} {c.GetProperty("checkId").GetString()} {Figure(c, "percentCompliant")} {Figure(c, "failures")} " +
                $"{Figure(c, "fixes")} {Figure(c, "meanTimeToFixSeconds")} {Figure(c, "maxTimeToFixSeconds")}")).ToList();
            var rendered = await report.Locator("#checks tbody tr").EvaluateAllAsync<string[]>("""
                rows => rows.map(r => [r.dataset.device, r.dataset.check,
                  ...['percentCompliant', 'failures', 'fixes', 'meanTimeToFixSeconds', 'maxTimeToFixSeconds']
                    .map(f => r.querySelector(`[data-field=${f}]`).dataset.value)].join(' '))
                """);
            Assert.Equal(SeededFleet.Laptops.Count, json.GetProperty("devices").GetArrayLength());
            Assert.Equal(expected.Order(StringComparer.Ordinal), rendered.Select(Normalise).Order(StringComparer.Ordinal));
        });
    }

    // An account's own text in the report (its name, a waiver's reason) is shown as text and never runs in the browser.
    [Fact]
    public async Task The_report_shows_hostile_account_text_as_text_and_runs_none_of_it()
    {
        const string hostile = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";
        var account = await fixture.Gateway.CreateOperatorClient().CreateAccountAsync("Evil " + hostile);
        using var api = fixture.Gateway.CreateClient(account.ApiKey);
        using (var put = await api.PutAsync("/api/v1/policy", new StringContent(
            $"firewall: ALWAYS\nwaivers:\n  - check: firewall\n    person: ann@acme.test\n    justification: '{hostile}'\n    expires: 2099-12-31\n",
            Encoding.UTF8, "application/yaml")))
            put.EnsureSuccessStatusCode();
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + account.ApiKey },
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(fixture.Gateway.BaseAddress, "/api/v1/evidence?format=html").ToString());

        await Expect(page.Locator("h1")).ToHaveTextAsync("Compliance evidence · Evil " + hostile);
        await Expect(page.Locator("#waivers tbody td").Nth(2)).ToHaveTextAsync(hostile);
        Assert.Equal(0, await page.Locator("img, script").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
    }

    private static string Figure(JsonElement check, string field) =>
        check.GetProperty(field) is { ValueKind: JsonValueKind.Number } n ? n.GetDouble().ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Normalise(string row) => string.Join(' ', row.Split(' ').Select((part, i) =>
        i >= 2 && double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value.ToString("R", CultureInfo.InvariantCulture) : part));
}
